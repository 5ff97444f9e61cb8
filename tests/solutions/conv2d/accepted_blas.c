/* expect: status=graded passed=yes correctness=pass vectorization=pass organization=pass */
/* im2col with the patches as rows, all images at once: P is (N*OH*OW) x
 * (C*KH*KW), so the whole layer is one product P K^T, an (N*OH*OW) x F
 * matrix (cblas_dgemm with K transposed).  That comes out "NHWC", so a last
 * pass adds the bias and writes it back in NCHW order. */
#include <cblas.h>
#include <stdlib.h>

void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    const int OH = (H + 2 * pad - KH) / stride + 1;
    const int OW = (W + 2 * pad - KW) / stride + 1;
    const long rows = (long)N * OH * OW;
    const int ckk = C * KH * KW;
    double *P = malloc(sizeof(double) * rows * ckk);
    double *R = malloc(sizeof(double) * rows * F);
    if (!P || !R) {
        free(P);
        free(R);
        return;
    }

    /* one row of P per output pixel (n, i, j) */
    long row = 0;
    for (int n = 0; n < N; n++)
        for (int i = 0; i < OH; i++)
            for (int j = 0; j < OW; j++, row++) {
                double *p = P + row * ckk;
                for (int c = 0; c < C; c++) {
                    const double *img = X + ((long)n * C + c) * H * W;
                    for (int u = 0; u < KH; u++) {
                        int r = i * stride + u - pad;
                        for (int v = 0; v < KW; v++) {
                            int s = j * stride + v - pad;
                            *p++ = (r >= 0 && r < H && s >= 0 && s < W) ? img[(long)r * W + s] : 0.0;
                        }
                    }
                }
            }

    /* R = P K^T */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, F, ckk,
                1.0, P, ckk, K, ckk, 0.0, R, F);

    /* NHWC -> NCHW, plus the bias */
    const long hw = (long)OH * OW;
    for (int n = 0; n < N; n++)
        for (long q = 0; q < hw; q++) {
            const double *r = R + ((long)n * hw + q) * F;
            for (int f = 0; f < F; f++)
                Y[((long)n * F + f) * hw + q] = r[f] + b[f];
        }
    free(P);
    free(R);
}
