/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: im2col in chunks of 256 output pixels, so that the patch
 * matrix stays small (C*KH*KW x 256) whatever the image size, one dgemm
 * per chunk.  The number of chunks is written P / CHUNK, "at least one",
 * which is right when P <= 256 or P is a multiple of 256 (a 32x32 image
 * has 1024 pixels) and leaves the last partial chunk unwritten otherwise. */
#include <cblas.h>
#include <stdlib.h>

enum { CHUNK = 256 };

void conv2d(const double *X, int N, int C, int H, int W,
            const double *K, int F, int KH, int KW, const double *b,
            int stride, int pad, double *Y)
{
    const int OH = (H + 2 * pad - KH) / stride + 1;
    const int OW = (W + 2 * pad - KW) / stride + 1;
    const int P = OH * OW, ckk = C * KH * KW;
    const int chunks = P / CHUNK > 0 ? P / CHUNK : 1;
    double *cols = malloc(sizeof(double) * ckk * CHUNK);
    double *out = malloc(sizeof(double) * F * CHUNK);
    if (!cols || !out)
        goto done;

    for (int n = 0; n < N; n++) {
        const double *img = X + (long)n * C * H * W;
        double *y = Y + (long)n * F * P;
        for (int ch = 0; ch < chunks; ch++) {
            int p0 = ch * CHUNK, len = P - p0 < CHUNK ? P - p0 : CHUNK;
            /* cols (ckk x len): one column per output pixel of the chunk */
            for (int c = 0; c < C; c++)
                for (int u = 0; u < KH; u++)
                    for (int v = 0; v < KW; v++) {
                        double *row = cols + (long)((c * KH + u) * KW + v) * len;
                        for (int q = 0; q < len; q++) {
                            int i = (p0 + q) / OW, j = (p0 + q) % OW;
                            int r = i * stride + u - pad, s = j * stride + v - pad;
                            row[q] = (r >= 0 && r < H && s >= 0 && s < W)
                                         ? img[((long)c * H + r) * W + s] : 0.0;
                        }
                    }
            /* out (F x len) = K (F x ckk) cols */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, F, len, ckk,
                        1.0, K, ckk, cols, len, 0.0, out, len);
            for (int f = 0; f < F; f++)
                for (int q = 0; q < len; q++)
                    y[(long)f * P + p0 + q] = out[(long)f * len + q] + b[f];
        }
    }
done:
    free(cols);
    free(out);
}
