/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* The column sums are a matrix-vector product, X^T 1 (cblas_dgemv).  Y is
 * first X - mu (dcopy the batch, then one daxpy of -mu per row); the
 * variance is the column means of the squared centred values, and the last
 * pass scales and shifts Y in place. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *mu = calloc((size_t)d, sizeof(double));
    double *var = calloc((size_t)d, sizeof(double));
    double *ones = calloc((size_t)n, sizeof(double));
    if (!mu || !var || !ones)
        goto out;
    if (training) {
        for (int i = 0; i < n; i++)
            ones[i] = 1.0;
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0 / n, X, d, ones, 1, 0.0, mu, 1);
    } else {
        cblas_dcopy(d, running_mean, 1, mu, 1);
        cblas_dcopy(d, running_var, 1, var, 1);
    }
    cblas_dcopy(n * d, X, 1, Y, 1);
    for (int i = 0; i < n; i++)
        cblas_daxpy(d, -1.0, mu, 1, Y + (size_t)i * d, 1);
    if (training) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                var[j] += Y[(size_t)i * d + j] * Y[(size_t)i * d + j];
        cblas_dscal(d, 1.0 / n, var, 1);
        cblas_dscal(d, 1.0 - momentum, running_mean, 1);
        cblas_daxpy(d, momentum, mu, 1, running_mean, 1);
        cblas_dscal(d, 1.0 - momentum, running_var, 1);
        cblas_daxpy(d, momentum, var, 1, running_var, 1);
    }
    for (int j = 0; j < d; j++)
        var[j] = gamma[j] / sqrt(var[j] + eps);    /* now the scale */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[(size_t)i * d + j] = Y[(size_t)i * d + j] * var[j] + beta[j];
out:
    free(mu);
    free(var);
    free(ones);
}
