/* expect: status=graded passed=no organization=fail */
/* Right arithmetic, but it uses the caller's b[f] as its accumulator
 * ("it is restored afterwards"): b is cast to non-const and written, so an
 * input changes under the caller, and it stays changed if anything goes
 * wrong half-way. */
void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    double *bias = (double *)b;
    for (int n = 0; n < N; n++)
        for (int f = 0; f < F; f++) {
            double b0 = bias[f];
            for (int i = 0; i < OH; i++)
                for (int j = 0; j < OW; j++) {
                    bias[f] = b0;
                    for (int c = 0; c < C; c++)
                        for (int u = 0; u < KH; u++)
                            for (int v = 0; v < KW; v++) {
                                int r = i * stride + u - pad, s = j * stride + v - pad;
                                if (r >= 0 && r < H && s >= 0 && s < W)
                                    bias[f] += K[((f * C + c) * KH + u) * KW + v] *
                                               X[((n * C + c) * H + r) * W + s];
                            }
                    Y[((n * F + f) * OH + i) * OW + j] = bias[f];
                }
            bias[f] = b0;
        }
}
