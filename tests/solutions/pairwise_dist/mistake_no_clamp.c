/* expect: status=graded passed=no correctness=fail stability=fail mistake=no_clamp */
/* The fast formula from the lecture, |a|^2 + |b|^2 - 2 a.b with a dgemm,
 * straight into sqrt.  Equal rows far from the origin round to a slightly
 * negative number and come out as NaN. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    double *sa = calloc((size_t)n, sizeof(double));
    double *sb = calloc((size_t)m, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int k = 0; k < d; k++)
            sa[i] += A[i * d + k] * A[i * d + k];
    for (int j = 0; j < m; j++)
        for (int k = 0; k < d; k++)
            sb[j] += B[j * d + k] * B[j * d + k];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, -2.0, A, d, B, d, 0.0, D, m);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            D[i * m + j] = sqrt(D[i * m + j] + sa[i] + sb[j]);
    free(sa);
    free(sb);
}
