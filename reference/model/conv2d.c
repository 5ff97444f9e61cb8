/* Model answer: 2-D convolution (cross-correlation) of a batch, NCHW, by
 * im2col and one matrix product per image. */
#include <cblas.h>
#include <stdlib.h>

/* The patches of one image (C x H x W) as a matrix: one row per kernel tap
 * (c, u, v), one column per output pixel (i, j). A tap that falls in the
 * padding reads 0. */
static void im2col(const double *X, int C, int H, int W, int KH, int KW,
                   int stride, int pad, int OH, int OW, double *cols)
{
    for (int c = 0; c < C; c++)
        for (int u = 0; u < KH; u++)
            for (int v = 0; v < KW; v++)
                for (int i = 0; i < OH; i++)
                    for (int j = 0; j < OW; j++) {
                        /* cross-correlation: tap (u, v) is not flipped */
#if MISTAKE(flipped_kernel)
                        int r = i * stride + KH - 1 - u - pad, s = j * stride + KW - 1 - v - pad;
#else
                        int r = i * stride + u - pad, s = j * stride + v - pad;
#endif
                        *cols++ = r >= 0 && r < H && s >= 0 && s < W
                                      ? X[((size_t)c * H + r) * W + s] : 0;
                    }
}

void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1, OW = (W + 2 * pad - KW) / stride + 1;
    int P = OH * OW, CKK = C * KH * KW;
    double *cols = malloc(sizeof *cols * CKK * P);
    if (!cols) return;    /* out of memory */
    for (int n = 0; n < N; n++) {
        double *y = Y + (size_t)n * F * P;
#if MISTAKE(stride_ignored)
        im2col(X + (size_t)n * C * H * W, C, H, W, KH, KW, 1, pad, OH, OW, cols);
#else
        im2col(X + (size_t)n * C * H * W, C, H, W, KH, KW, stride, pad, OH, OW, cols);
#endif
        /* Y_n (F x P) = b 1^T + K (F x CKK) * cols (CKK x P) */
        for (int f = 0; f < F; f++)
            for (int p = 0; p < P; p++)
#if MISTAKE(no_bias)
                y[(size_t)f * P + p] = 0;
#else
                y[(size_t)f * P + p] = b[f];
#endif
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, F, P, CKK,
                    1, K, CKK, cols, P, 1, y, P);
    }
    free(cols);
}
