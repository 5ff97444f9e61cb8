/* expect: status=graded passed=no correctness=pass stability=fail */
/* Mathematically right, numerically fragile: instead of centring, the
 * intercept is a column of ones in an augmented (d+1)-by-(d+1) normal
 * system, with alpha on every diagonal entry but the bias's.  Fine near the
 * origin, but with features around 1e6 the augmented matrix has a condition
 * number near 1e14 and the solve loses most of its digits. */
#include <cblas.h>
#include <lapacke.h>
#include <stdlib.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0)
        return -1;
    int m = d + 1;
    double *A = malloc(sizeof(double) * (size_t)n * m);
    double *G = malloc(sizeof(double) * (size_t)m * m);
    double *t = malloc(sizeof(double) * m);
    int *ipiv = malloc(sizeof(int) * m);
    int rc = -1;
    if (!A || !G || !t || !ipiv)
        goto out;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            A[(size_t)i * m + j] = X[(size_t)i * d + j];
        A[(size_t)i * m + d] = 1.0;
    }
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, m, n, 1.0, A, m, A, m,
                0.0, G, m);
    cblas_dgemv(CblasRowMajor, CblasTrans, n, m, 1.0, A, m, y, 1, 0.0, t, 1);
    for (int j = 0; j < d; j++)
        G[j * m + j] += alpha;
    if (LAPACKE_dgesv(LAPACK_ROW_MAJOR, m, 1, G, m, ipiv, t, 1) != 0)
        goto out;
    for (int j = 0; j < d; j++)
        w[j] = t[j];
    *b = t[d];
    rc = 0;
out:
    free(A);
    free(G);
    free(t);
    free(ipiv);
    return rc;
}
