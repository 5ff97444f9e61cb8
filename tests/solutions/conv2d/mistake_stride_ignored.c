/* expect: status=graded passed=no correctness=fail mistake=stride_ignored */
/* The output size uses the stride, but the window position does not: the
 * input row is i + u - pad instead of i*stride + u - pad (same for columns),
 * so with stride 2 the windows overlap as if the stride were 1. */
void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    for (int n = 0; n < N; n++)
        for (int f = 0; f < F; f++)
            for (int i = 0; i < OH; i++)
                for (int j = 0; j < OW; j++) {
                    double sum = b[f];
                    for (int c = 0; c < C; c++)
                        for (int u = 0; u < KH; u++)
                            for (int v = 0; v < KW; v++) {
                                int r = i + u - pad, s = j + v - pad;
                                if (r >= 0 && r < H && s >= 0 && s < W)
                                    sum += K[((f * C + c) * KH + u) * KW + v] *
                                           X[((n * C + c) * H + r) * W + s];
                            }
                    Y[((n * F + f) * OH + i) * OW + j] = sum;
                }
}
