/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each output row is accumulated in a stack buffer of 1024
 * ("outputs are 32 wide in the benchmark"), one kernel tap at a time across
 * the row.  When OW is larger, the columns past the 1024th get only the
 * bias.  The statement bounds W only from below (W >= 1). */
#include <stddef.h>

#define MAX_OW 1024

void conv2d(const double *X, int N, int C, int H, int W, const double *K,
            int F, int KH, int KW, const double *b, int stride, int pad,
            double *Y)
{
    int OH = (H + 2 * pad - KH) / stride + 1;
    int OW = (W + 2 * pad - KW) / stride + 1;
    int kept = OW < MAX_OW ? OW : MAX_OW;
    double row[MAX_OW];

    for (int n = 0; n < N; n++)
        for (int f = 0; f < F; f++)
            for (int i = 0; i < OH; i++) {
                double *y = Y + (((size_t)n * F + f) * OH + i) * OW;
                for (int j = 0; j < kept; j++)
                    row[j] = b[f];
                for (int c = 0; c < C; c++)
                    for (int u = 0; u < KH; u++) {
                        int r = i * stride + u - pad;
                        if (r < 0 || r >= H)
                            continue;
                        const double *x = X + (((size_t)n * C + c) * H + r) * W;
                        for (int v = 0; v < KW; v++) {
                            double k = K[(((size_t)f * C + c) * KH + u) * KW + v];
                            for (int j = 0; j < kept; j++) {
                                int s = j * stride + v - pad;
                                if (s >= 0 && s < W)
                                    row[j] += k * x[s];
                            }
                        }
                    }
                for (int j = 0; j < OW; j++)
                    y[j] = j < kept ? row[j] : b[f];
            }
}
