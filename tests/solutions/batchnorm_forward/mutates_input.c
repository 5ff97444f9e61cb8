/* expect: status=graded passed=no organization=fail */
/* Normalises X in place to save the temporary, then copies it to Y: the
 * caller's batch comes back overwritten. */
#include <math.h>
#include <string.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *x = (double *)X;
    for (int j = 0; j < d; j++) {
        double mu = running_mean[j], var = running_var[j];
        if (training) {
            mu = 0;
            for (int i = 0; i < n; i++)
                mu += x[i * d + j];
            mu /= n;
            var = 0;
            for (int i = 0; i < n; i++)
                var += (x[i * d + j] - mu) * (x[i * d + j] - mu);
            var /= n;
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu;
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var;
        }
        for (int i = 0; i < n; i++)
            x[i * d + j] = gamma[j] * (x[i * d + j] - mu) / sqrt(var + eps) + beta[j];
    }
    memcpy(Y, x, sizeof(double) * n * d);
}
