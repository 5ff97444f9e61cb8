/* expect: status=graded passed=no correctness=fail mistake=no_bias */
/* The window sums are right, but the accumulator starts at 0 and b is never
 * used. */
void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    (void)b;
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    for (int n = 0; n < N; n++)
        for (int f = 0; f < F; f++)
            for (int i = 0; i < OH; i++)
                for (int j = 0; j < OW; j++) {
                    double sum = 0.0;
                    for (int c = 0; c < C; c++)
                        for (int u = 0; u < KH; u++) {
                            int r = i * stride + u - pad;
                            if (r < 0 || r >= H)
                                continue;
                            for (int v = 0; v < KW; v++) {
                                int s = j * stride + v - pad;
                                if (s >= 0 && s < W)
                                    sum += K[((f * C + c) * KH + u) * KW + v] *
                                           X[((n * C + c) * H + r) * W + s];
                            }
                        }
                    Y[((n * F + f) * OH + i) * OW + j] = sum;
                }
}
