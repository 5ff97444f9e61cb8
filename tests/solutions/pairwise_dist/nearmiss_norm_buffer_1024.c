/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the expansion with the clamp, but B's squared norms are kept
 * in a fixed array of 1024 entries on the stack, sized for the timed input
 * (m = 1024); the statement puts no bound on m, and past 1024 rows of B the
 * norms are written past the array. */
#include <math.h>

#define MAXM 1024

void pairwise_dist(const double *A, int n, const double *B, int m, int d,
                   double *D)
{
    double bb[MAXM];
    for (int j = 0; j < m; j++) {
        double s = 0;
        for (int k = 0; k < d; k++)
            s += B[(long)j * d + k] * B[(long)j * d + k];
        bb[j] = s;
    }
    for (int i = 0; i < n; i++) {
        double aa = 0;
        for (int k = 0; k < d; k++)
            aa += A[(long)i * d + k] * A[(long)i * d + k];
        for (int j = 0; j < m; j++) {
            double ab = 0;
            for (int k = 0; k < d; k++)
                ab += A[(long)i * d + k] * B[(long)j * d + k];
            double s = aa + bb[j] - 2 * ab;
            D[(long)i * m + j] = s > 0 ? sqrt(s) : 0;
        }
    }
}
