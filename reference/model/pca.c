/* Model answer: PCA through the eigen-decomposition of the sample
 * covariance of the centred data. */
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>

int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    if (n < 2 || k < 1 || k > d)
        return -1;
    double *mu = calloc(d, sizeof(double));
    double *Xc = malloc(sizeof(double) * n * d);
    double *C = malloc(sizeof(double) * d * d);
    double *lambda = malloc(sizeof(double) * d);

    /* centre before the product: X^T X / n - mu mu^T cancels for data far
     * from the origin. mu_j is the mean of column j over the n samples. */
#if !MISTAKE(not_centred)
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mu[j] += X[i * d + j];
    for (int j = 0; j < d; j++)
        mu[j] /= n;
#endif
#if MISTAKE(wrong_axis)
    for (int i = 0; i < n; i++) {
        double m = 0;
        for (int j = 0; j < d; j++)
            m += X[i * d + j] / d;
        for (int j = 0; j < d; j++)
            Xc[i * d + j] = X[i * d + j] - m;
    }
#else
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Xc[i * d + j] = X[i * d + j] - mu[j];
#endif

    /* C = Xc^T Xc / (n - 1), the sample covariance (upper triangle) */
#if MISTAKE(n_instead_of_n1)
    double scale = 1.0 / n;
#else
    double scale = 1.0 / (n - 1);
#endif
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, scale, Xc, d, 0, C, d);
    /* eigenvalues ascending, eigenvectors in the columns of C */
    LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', d, C, d, lambda);

    /* the total variance: all d eigenvalues (the trace of C), not only
     * the k kept */
    double total = 0;
#if MISTAKE(ratio_of_kept)
    for (int j = d - k; j < d; j++)
#else
    for (int j = 0; j < d; j++)
#endif
        total += lambda[j];
    for (int r = 0; r < k; r++) {
        int src = d - 1 - r;    /* the r-th largest */
        double *v = components + r * d;
        int big = 0;
        for (int j = 0; j < d; j++) {
            v[j] = C[j * d + src];
            if (fabs(v[j]) > fabs(v[big]))
                big = j;
        }
        /* the sign is arbitrary: make the largest entry (the first on a
         * tie) positive */
        if (v[big] < 0)
            for (int j = 0; j < d; j++)
                v[j] = -v[j];
        explained_variance[r] = lambda[src];
        explained_ratio[r] = total > 0 ? lambda[src] / total : 0;
    }

    /* Z = Xc V_k^T: the coordinates of every centred sample */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, k, d, 1, Xc, d, components, d,
                0, Z, k);
    free(mu);
    free(Xc);
    free(C);
    free(lambda);
    return 0;
}
