/* expect: status=graded passed=no correctness=fail mistake=ratio_of_kept */
/* Normalises the explained ratios over the kept components only. */
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    if (n < 2 || k < 1 || k > d)
        return -1;
    double *Xc = malloc(sizeof(double) * (size_t)n * d);
    double *C = malloc(sizeof(double) * (size_t)d * d);
    double *w = malloc(sizeof(double) * d);
    double *ones = malloc(sizeof(double) * n);
    double *mu = malloc(sizeof(double) * d);
    for (int i = 0; i < n; i++)
        ones[i] = 1.0 / n;
    /* mu = X^T (1/n) */
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, X, d, ones, 1, 0.0, mu, 1);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Xc[(size_t)i * d + j] = X[(size_t)i * d + j] - mu[j];
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, d, n, 1.0 / (n - 1), Xc, d,
                Xc, d, 0.0, C, d);
    int info = LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'V', 'U', d, C, d, w);
    if (info != 0) {
        free(Xc);
        free(C);
        free(w);
        free(ones);
        free(mu);
        return -1;
    }
    /* row-major result: eigenvector of w[c] is column c of C */
    double total = 0;
    for (int r = 0; r < k; r++)
        total += w[d - 1 - r];
    for (int r = 0; r < k; r++) {
        int c = d - 1 - r;
        cblas_dcopy(d, C + c, d, components + (size_t)r * d, 1);
        int imax = (int)cblas_idamax(d, components + (size_t)r * d, 1);
        if (components[(size_t)r * d + imax] < 0)
            cblas_dscal(d, -1.0, components + (size_t)r * d, 1);
        explained_variance[r] = w[c];
        explained_ratio[r] = total > 0 ? w[c] / total : 0;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, k, d, 1.0, Xc, d, components, d,
                0.0, Z, k);
    free(Xc);
    free(C);
    free(w);
    free(ones);
    free(mu);
    return 0;
}
