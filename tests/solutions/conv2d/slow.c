/* expect: status=graded correctness=pass vectorization=fail organization=pass */
/* Correct, but "which input pixels are in this window?" is answered by
 * visiting every pixel of the image for every output pixel and testing
 * whether it falls inside the window: O(H W) work per output instead of
 * O(KH KW). */
void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    for (int n = 0; n < N; n++)
        for (int f = 0; f < F; f++)
            for (int i = 0; i < OH; i++) /* hot */
                for (int j = 0; j < OW; j++) {
                    double sum = b[f];
                    int top = i * stride - pad, left = j * stride - pad;
                    for (int c = 0; c < C; c++)
                        for (int r = 0; r < H; r++)
                            for (int s = 0; s < W; s++) {
                                int u = r - top, v = s - left;
                                if (u >= 0 && u < KH && v >= 0 && v < KW)
                                    sum += K[((f * C + c) * KH + u) * KW + v] *
                                           X[((n * C + c) * H + r) * W + s];
                            }
                    Y[((n * F + f) * OH + i) * OW + j] = sum;
                }
}
