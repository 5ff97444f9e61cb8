/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* The normal equations with BLAS and LAPACK: a centred copy of X, the full
 * Gram matrix Xc^T Xc from one dgemm, Xc^T yc from one dgemv, alpha added
 * to the diagonal, then a Cholesky factorisation (dpotrf) and two
 * triangular solves (dpotrs).  No inverse is ever formed. */
#include <cblas.h>
#include <lapacke.h>
#include <stdlib.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0.0 || alpha != alpha)
        return -1;
    double *Xc = malloc(sizeof(double) * (size_t)n * d);
    double *yc = malloc(sizeof(double) * (size_t)n);
    double *A = malloc(sizeof(double) * (size_t)d * d);
    double *mu = calloc((size_t)d, sizeof(double));
    int rc = -1;
    if (!Xc || !yc || !A || !mu)
        goto out;

    /* means: mu = X^T 1 / n */
    double ybar = 0.0;
    for (int i = 0; i < n; i++) {
        yc[i] = 1.0 / n;
        ybar += y[i];
    }
    ybar /= n;
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, X, d, yc, 1, 0.0, mu, 1);

    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            Xc[(size_t)i * d + j] = X[(size_t)i * d + j] - mu[j];
        yc[i] = y[i] - ybar;
    }

    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, d, n, 1.0, Xc, d,
                Xc, d, 0.0, A, d);
    for (int j = 0; j < d; j++)
        A[(size_t)j * d + j] += alpha;
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, Xc, d, yc, 1, 0.0, w, 1);

    if (LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', d, A, d) != 0)
        goto out;
    if (LAPACKE_dpotrs(LAPACK_ROW_MAJOR, 'L', d, 1, A, d, w, 1) != 0)
        goto out;
    *b = ybar - cblas_ddot(d, mu, 1, w, 1);
    rc = 0;
out:
    free(Xc);
    free(yc);
    free(A);
    free(mu);
    return rc;
}
