/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each input value under the window is read once and spread
 * over every filter's sum, kept in a stack buffer of 128 ("F is 32 in the
 * benchmark").  With more filters, those past the 128th stay at their
 * bias.  The statement bounds F only from below (F >= 1). */
#include <stddef.h>

#define MAX_FILTERS 128

void conv2d(const double *X, int N, int C, int H, int W, const double *K,
            int F, int KH, int KW, const double *b, int stride, int pad,
            double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    int kept = F < MAX_FILTERS ? F : MAX_FILTERS;
    double acc[MAX_FILTERS];

    for (int n = 0; n < N; n++)
        for (int i = 0; i < OH; i++)
            for (int j = 0; j < OW; j++) {
                for (int f = 0; f < kept; f++)
                    acc[f] = b[f];
                for (int c = 0; c < C; c++)
                    for (int u = 0; u < KH; u++)
                        for (int v = 0; v < KW; v++) {
                            int r = i * stride + u - pad, s = j * stride + v - pad;
                            if (r < 0 || r >= H || s < 0 || s >= W)
                                continue;
                            double x = X[(((size_t)n * C + c) * H + r) * W + s];
                            for (int f = 0; f < kept; f++)
                                acc[f] += K[(((size_t)f * C + c) * KH + u) * KW + v] * x;
                        }
                for (int f = 0; f < F; f++)
                    Y[(((size_t)n * F + f) * OH + i) * OW + j] = f < kept ? acc[f] : b[f];
            }
}
