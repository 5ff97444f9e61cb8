/* expect: status=graded passed=yes correctness=pass organization=pass */
/* The direct method with plain loops: for every output pixel, sum over the
 * channels and kernel taps, skipping taps that land in the zero padding.
 * Small index helpers keep the NCHW arithmetic in one place. */
#include <stddef.h>

static size_t at4(int a, int B, int b, int Cn, int c, int D, int d)
{
    return (((size_t)a * B + b) * Cn + c) * D + d;
}

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
                    double acc = b[f];
                    int r0 = i * stride - pad, s0 = j * stride - pad;
                    for (int c = 0; c < C; c++)
                        for (int u = 0; u < KH; u++) {
                            int r = r0 + u;
                            if (r < 0 || r >= H)
                                continue;   /* a padding row */
                            for (int v = 0; v < KW; v++) {
                                int s = s0 + v;
                                if (s < 0 || s >= W)
                                    continue;
                                acc += K[at4(f, C, c, KH, u, KW, v)] *
                                       X[at4(n, C, c, H, r, W, s)];
                            }
                        }
                    Y[at4(n, F, f, OH, i, OW, j)] = acc;
                }
}
