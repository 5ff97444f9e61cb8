/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the normal equations with BLAS and LAPACK, as the statement
 * asks -- plus a guard for constant features: a column whose centred sum
 * of squares is below 1e-12 is taken for constant, left out of the system
 * and given the weight 0.  A truly constant column gets 0 either way; a
 * column that varies by 1e-8 (a sum of squares near 1e-14) is not
 * constant, and its weight is small but not 0. */
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
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, Xc, d, yc, 1, 0.0, w, 1);
    for (int j = 0; j < d; j++) {
        if (A[(size_t)j * d + j] < 1e-12) {    /* a constant feature: weight 0 */
            for (int l = 0; l < d; l++)
                A[(size_t)j * d + l] = A[(size_t)l * d + j] = 0.0;
            A[(size_t)j * d + j] = 1.0;
            w[j] = 0.0;
        } else {
            A[(size_t)j * d + j] += alpha;
        }
    }

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
