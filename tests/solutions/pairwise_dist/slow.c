/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but the cross terms are a hand-written matrix product with the
 * loops in the worst order: for each B row j and feature k the innermost
 * loop walks down a column of D and a column of A, a cache miss on almost
 * every step.  Norms are recomputed for every pair. */
#include <math.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            D[(long)i * m + j] = 0.0;
    for (int j = 0; j < m; j++)
        for (int k = 0; k < d; k++)
            for (int i = 0; i < n; i++) /* hot */
                D[(long)i * m + j] += A[(long)i * d + k] * B[(long)j * d + k];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            double aa = 0.0, bb = 0.0;
            for (int k = 0; k < d; k++) {
                aa += A[(long)i * d + k] * A[(long)i * d + k];
                bb += B[(long)j * d + k] * B[(long)j * d + k];
            }
            double s = aa + bb - 2.0 * D[(long)i * m + j];
            D[(long)i * m + j] = sqrt(s < 0.0 ? 0.0 : s);
        }
}
