/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Centres X and y in place ("saves copying n*d numbers") by casting away
 * const, solves, and adds the means back at the end.  The weights are
 * right, but the caller's arrays are written to -- and (x - m) + m is not
 * always x again in floating point. */
#include <lapacke.h>
#include <stdlib.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0)
        return -1;
    double *Xm = (double *)X, *ym = (double *)y;
    double *mu = calloc(d, sizeof(double));
    double *A = calloc((size_t)d * d, sizeof(double));
    if (!mu || !A) {
        free(mu);
        free(A);
        return -1;
    }
    double my = 0.0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            mu[j] += X[i * d + j] / n;
        my += y[i] / n;
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            Xm[i * d + j] -= mu[j];
        ym[i] -= my;
    }
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++)
                A[j * d + k] += X[i * d + j] * X[i * d + k];
            w[j] += X[i * d + j] * y[i];
        }
    for (int j = 0; j < d; j++)
        A[j * d + j] += alpha;
    int rc = LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', d, 1, A, d, w, 1) ? -1 : 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            Xm[i * d + j] += mu[j];
        ym[i] += my;
    }
    double bias = my;
    for (int j = 0; j < d; j++)
        bias -= mu[j] * w[j];
    *b = bias;
    free(mu);
    free(A);
    return rc;
}
