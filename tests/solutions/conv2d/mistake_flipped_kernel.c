/* expect: status=graded passed=no correctness=fail mistake=flipped_kernel */
/* "Convolution" as in the signal-processing textbook: the kernel is flipped,
 * so tap (u, v) reads the input at offset (KH-1-u, KW-1-v).  Everything else
 * (padding, stride, bias) is right. */
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
                                int r = i * stride + u - pad;
                                int s = j * stride + v - pad;
                                if (r < 0 || r >= H || s < 0 || s >= W)
                                    continue;
                                double k = K[((f * C + c) * KH + (KH - 1 - u)) * KW + (KW - 1 - v)];
                                sum += k * X[((n * C + c) * H + r) * W + s];
                            }
                    Y[((n * F + f) * OH + i) * OW + j] = sum;
                }
}
