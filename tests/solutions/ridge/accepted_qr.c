/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Least squares by QR instead of the normal equations: ridge on centred
 * data is ordinary least squares on the stacked system
 *     [ Xc          ]       [ yc ]
 *     [ sqrt(alpha) I ] w ~  [ 0  ]
 * which LAPACKE_dgels solves with a QR factorisation (no Xc^T Xc formed, so
 * the conditioning is not squared).  The intercept is recovered from the
 * means afterwards. */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || !(alpha >= 0.0))
        return -1;
    const int rows = n + d;
    double *A = malloc(sizeof(double) * (size_t)rows * d);
    double *rhs = malloc(sizeof(double) * (size_t)rows);
    double *mu = calloc((size_t)d, sizeof(double));
    int rc = -1;
    if (!A || !rhs || !mu)
        goto out;

    double ybar = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            mu[j] += x[j];
        ybar += y[i];
    }
    for (int j = 0; j < d; j++)
        mu[j] /= n;
    ybar /= n;

    /* top block: the centred data; bottom block: sqrt(alpha) I */
    memset(A, 0, sizeof(double) * (size_t)rows * d);
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            A[(size_t)j * rows + i] = x[j] - mu[j];
        rhs[i] = y[i] - ybar;
    }
    const double s = sqrt(alpha);
    for (int j = 0; j < d; j++) {
        A[(size_t)j * rows + n + j] = s;
        rhs[n + j] = 0.0;
    }

    /* column-major, so LAPACKE does not transpose a copy of A */
    if (LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', rows, d, 1, A, rows, rhs, rows) != 0)
        goto out;
    double bias = ybar;
    for (int j = 0; j < d; j++) {
        w[j] = rhs[j];
        bias -= mu[j] * rhs[j];
    }
    *b = bias;
    rc = 0;
out:
    free(A);
    free(rhs);
    free(mu);
    return rc;
}
