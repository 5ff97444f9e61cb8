/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* The Gram matrix in one dgemm, G = A B^T, written straight into D; the
 * squared norms come from cblas_ddot of each row with itself.  Then
 * D = sqrt(max(0, |a|^2 + |b|^2 - 2 G)) entry by entry: the clamp guards
 * against rounding making nearly equal rows slightly negative. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    double *an = malloc(sizeof(double) * (size_t)n);
    double *bn = malloc(sizeof(double) * (size_t)m);
    if (!an || !bn) {
        free(an);
        free(bn);
        return;
    }
    for (int i = 0; i < n; i++)
        an[i] = cblas_ddot(d, A + (size_t)i * d, 1, A + (size_t)i * d, 1);
    for (int j = 0; j < m; j++)
        bn[j] = cblas_ddot(d, B + (size_t)j * d, 1, B + (size_t)j * d, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, 1.0, A, d, B, d, 0.0, D, m);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            double sq = an[i] + bn[j] - 2.0 * D[(size_t)i * m + j];
            D[(size_t)i * m + j] = sq > 0.0 ? sqrt(sq) : 0.0;
        }
    free(an);
    free(bn);
}
