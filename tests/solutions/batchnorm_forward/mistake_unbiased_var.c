/* expect: status=graded passed=no correctness=fail mistake=unbiased_var */
/* "Sample variance divides by n - 1" -- right for estimating a population
 * variance, but batch norm normalises with the plain (biased) variance of
 * the batch.  Otherwise a correct two-pass implementation. */
#include <math.h>
#include <stdlib.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *m = calloc(d, sizeof(double)), *v = calloc(d, sizeof(double));
    for (int j = 0; j < d; j++) {
        if (!training) {
            m[j] = running_mean[j];
            v[j] = running_var[j];
            continue;
        }
        for (int i = 0; i < n; i++)
            m[j] += X[i * d + j];
        m[j] /= n;
        for (int i = 0; i < n; i++)
            v[j] += (X[i * d + j] - m[j]) * (X[i * d + j] - m[j]);
        v[j] /= n - 1;
        running_mean[j] = (1 - momentum) * running_mean[j] + momentum * m[j];
        running_var[j] = (1 - momentum) * running_var[j] + momentum * v[j];
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - m[j]) / sqrt(v[j] + eps) + beta[j];
    free(m);
    free(v);
}
