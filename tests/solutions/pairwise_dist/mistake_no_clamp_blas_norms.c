/* expect: status=graded passed=no correctness=pass stability=fail mistake=no_clamp */
/* The classic mistake in its hardest form to see: the norms come from
 * cblas_ddot and the cross terms from one dgemm, then sqrt with no clamp.
 * For an exact duplicate row, ddot and dgemm add a.a in the same order, so
 * |a|^2 + |a|^2 - 2 a.a is exactly 0 and nothing goes wrong; a near duplicate
 * (b = a + 1e-9) far from the origin rounds to a tiny negative number, and
 * its distance is NaN. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    double *na = malloc(sizeof(double) * (size_t)n);
    double *nb = malloc(sizeof(double) * (size_t)m);
    for (int i = 0; i < n; i++)
        na[i] = cblas_ddot(d, A + (size_t)i * d, 1, A + (size_t)i * d, 1);
    for (int j = 0; j < m; j++)
        nb[j] = cblas_ddot(d, B + (size_t)j * d, 1, B + (size_t)j * d, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, -2.0, A, d, B, d, 0.0, D, m);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            D[(size_t)i * m + j] = sqrt(D[(size_t)i * m + j] + na[i] + nb[j]);
    free(na);
    free(nb);
}
