/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* The definition, with plain loops: for every pair of rows, add up the
 * squared coordinate differences and take the square root.  No expansion,
 * so nothing can go negative and no clamp is needed. */
#include <math.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    for (int i = 0; i < n; i++) {
        const double *a = A + (long)i * d;
        for (int j = 0; j < m; j++) {
            const double *b = B + (long)j * d;
            double s = 0.0;
            for (int k = 0; k < d; k++) {
                double t = a[k] - b[k];
                s += t * t;
            }
            D[(long)i * m + j] = sqrt(s);
        }
    }
}
