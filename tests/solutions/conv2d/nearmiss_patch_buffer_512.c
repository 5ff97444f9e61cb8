/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: im2col one output position at a time through a stack patch of
 * 512 taps ("the timed input has 32 x 3 x 3 = 288"), then one dot product
 * per filter.  When C * KH * KW is larger, the taps past the 512th are left
 * out of every sum.  The statement bounds C, KH and KW only from below. */
#include <stddef.h>

#define MAX_TAPS 512

/* The (zero-padded) input patch under output (i, j) of image n, in the
 * kernel's c, u, v order. */
static void gather(const double *Xn, int H, int W, int KH, int KW,
                   int r0, int s0, int taps, double *patch)
{
    for (int p = 0; p < taps; p++) {
        int c = p / (KH * KW), u = (p / KW) % KH, v = p % KW;
        int r = r0 + u, s = s0 + v;
        patch[p] = (r < 0 || r >= H || s < 0 || s >= W)
                       ? 0.0
                       : Xn[((size_t)c * H + r) * W + s];
    }
}

void conv2d(const double *X, int N, int C, int H, int W, const double *K,
            int F, int KH, int KW, const double *b, int stride, int pad,
            double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    int taps = C * KH * KW < MAX_TAPS ? C * KH * KW : MAX_TAPS;
    size_t per_filter = (size_t)C * KH * KW;
    double patch[MAX_TAPS];

    for (int n = 0; n < N; n++)
        for (int i = 0; i < OH; i++)
            for (int j = 0; j < OW; j++) {
                gather(X + (size_t)n * C * H * W, H, W, KH, KW,
                       i * stride - pad, j * stride - pad, taps, patch);
                for (int f = 0; f < F; f++) {
                    const double *Kf = K + (size_t)f * per_filter;
                    double s = b[f];
                    for (int p = 0; p < taps; p++)
                        s += Kf[p] * patch[p];
                    Y[(((size_t)n * F + f) * OH + i) * OW + j] = s;
                }
            }
}
