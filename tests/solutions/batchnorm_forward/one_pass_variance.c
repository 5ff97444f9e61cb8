/* expect: status=graded passed=no stability=fail */
/* One pass for both statistics: sum and sum of squares together, then
 * var = E[x^2] - mean^2.  Fast and right on the usual data, but for values
 * around 1e7 the two terms are both ~1e14 and the difference is noise. */
#include <math.h>
#include <stdlib.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *s = calloc(d, sizeof(double)), *sq = calloc(d, sizeof(double));
    double *mu = malloc(d * sizeof(double)), *var = malloc(d * sizeof(double));
    if (training) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                s[j] += X[i * d + j];
                sq[j] += X[i * d + j] * X[i * d + j];
            }
        for (int j = 0; j < d; j++) {
            mu[j] = s[j] / n;
            var[j] = sq[j] / n - mu[j] * mu[j];
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu[j];
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var[j];
        }
    } else {
        for (int j = 0; j < d; j++) {
            mu[j] = running_mean[j];
            var[j] = running_var[j];
        }
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu[j]) / sqrt(var[j] + eps) + beta[j];
    free(s);
    free(sq);
    free(mu);
    free(var);
}
