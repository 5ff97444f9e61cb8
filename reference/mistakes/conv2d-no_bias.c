/* Mistake variant conv2d/no_bias.
 *
 * The bias is forgotten: Y[n,f,i,j] is the plain sum of the products, without
 * b[f].  Everything else is identical to the reference.  The grader runs
 * this variant on the failing cases and names the mistake when the
 * learner's outputs match it. */
#include <cblas.h>
#include <stddef.h>
#include <stdlib.h>

/* First and one-past-last output index o with 0 <= o*stride + off < len. */
static void valid_range(int len, int off, int stride, int nout, int *lo, int *hi)
{
    int a = 0;
    if (off < 0)
        a = (-off + stride - 1) / stride;
    int b = len - off <= 0 ? 0 : (len - off - 1) / stride + 1;
    if (b > nout)
        b = nout;
    if (a > b)
        a = b;
    *lo = a;
    *hi = b;
}

/* cols[(c KH + u) KW + v][i OW + j] = Xp[c, i*stride + u, j*stride + v] */
static void im2col(const double *X, int C, int H, int W, int KH, int KW,
                   int stride, int pad, int OH, int OW, double *cols)
{
    const size_t P = (size_t)OH * OW;
    for (int c = 0; c < C; c++) {
        const double *xc = X + (size_t)c * H * W;
        for (int u = 0; u < KH; u++) {
            int ilo, ihi;
            valid_range(H, u - pad, stride, OH, &ilo, &ihi);
            for (int v = 0; v < KW; v++) {
                double *row = cols + ((size_t)(c * KH + u) * KW + v) * P;
                int jlo, jhi;
                valid_range(W, v - pad, stride, OW, &jlo, &jhi);
                for (int i = 0; i < OH; i++) {
                    double *out = row + (size_t)i * OW;
                    if (i < ilo || i >= ihi) {
                        for (int j = 0; j < OW; j++)
                            out[j] = 0.0;
                        continue;
                    }
                    const double *src = xc + (size_t)(i * stride + u - pad) * W + (v - pad);
                    for (int j = 0; j < jlo; j++)
                        out[j] = 0.0;
                    if (stride == 1)
                        for (int j = jlo; j < jhi; j++)
                            out[j] = src[j];
                    else
                        for (int j = jlo; j < jhi; j++)
                            out[j] = src[(size_t)j * stride];
                    for (int j = jhi; j < OW; j++)
                        out[j] = 0.0;
                }
            }
        }
    }
}

void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    if (!X || !K || !b || !Y || N < 1 || C < 1 || H < 1 || W < 1 || F < 1 ||
        KH < 1 || KW < 1 || stride < 1 || pad < 0)
        return;
    const int OH = (H + 2 * pad - KH) / stride + 1;
    const int OW = (W + 2 * pad - KW) / stride + 1;
    if (H + 2 * pad < KH || W + 2 * pad < KW)
        return;

    const size_t P = (size_t)OH * OW;
    const int CKK = C * KH * KW;
    double *cols = malloc((size_t)CKK * P * sizeof *cols);
    if (!cols)
        return;
    for (int n = 0; n < N; n++) {
        const double *xn = X + (size_t)n * C * H * W;
        double *yn = Y + (size_t)n * F * P;
        im2col(xn, C, H, W, KH, KW, stride, pad, OH, OW, cols);
        for (int f = 0; f < F; f++) {
            double *yf = yn + (size_t)f * P;
            for (size_t p = 0; p < P; p++)
                yf[p] = 0.0;    /* MISTAKE: b[f] is never added */
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, F, (int)P, CKK,
                    1.0, K, CKK, cols, (int)P, 1.0, yn, (int)P);
    }
    free(cols);
}
