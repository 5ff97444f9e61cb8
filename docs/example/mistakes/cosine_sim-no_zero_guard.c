/* Mistake: divides by the norm without checking it.  A zero row has norm
 * 0, 1/0 is inf, and 0 * inf is NaN: its similarities become NaN instead
 * of 0.  Otherwise the reference. */
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *ua = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *ub = malloc(sizeof(double) * (size_t)m * (size_t)d);
    if (!ua || !ub) {
        free(ua);
        free(ub);
        return;
    }
    memcpy(ua, A, sizeof(double) * (size_t)n * (size_t)d);
    memcpy(ub, B, sizeof(double) * (size_t)m * (size_t)d);
    for (int i = 0; i < n; i++)
        cblas_dscal(d, 1.0 / cblas_dnrm2(d, ua + (size_t)i * d, 1), ua + (size_t)i * d, 1);
    for (int j = 0; j < m; j++)
        cblas_dscal(d, 1.0 / cblas_dnrm2(d, ub + (size_t)j * d, 1), ub + (size_t)j * d, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, 1.0, ua, d, ub, d, 0.0, S, m);
    free(ua);
    free(ub);
}
