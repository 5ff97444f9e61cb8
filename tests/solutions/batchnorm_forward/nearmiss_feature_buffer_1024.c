/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: a row-major pass that keeps each feature's mean and variance
 * in fixed arrays of 1024 ("d is 128 in the benchmark").  Features past the
 * 1024th get no statistics: their running values are not updated and Y is
 * computed with mean 0 and variance 0.  The statement bounds d only from
 * below (d >= 1). */
#include <math.h>
#include <stddef.h>

#define MAX_FEATURES 1024

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum,
                       double eps, double *running_mean, double *running_var,
                       double *Y)
{
    double mu[MAX_FEATURES] = {0}, var[MAX_FEATURES] = {0};
    int kept = d < MAX_FEATURES ? d : MAX_FEATURES;

    if (training) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < kept; j++)
                mu[j] += X[(size_t)i * d + j];
        for (int j = 0; j < kept; j++)
            mu[j] /= n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < kept; j++) {
                double t = X[(size_t)i * d + j] - mu[j];
                var[j] += t * t;
            }
        for (int j = 0; j < kept; j++) {
            var[j] /= n;
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu[j];
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var[j];
        }
    } else {
        for (int j = 0; j < kept; j++) {
            mu[j] = running_mean[j];
            var[j] = running_var[j];
        }
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double m = j < kept ? mu[j] : 0.0, v = j < kept ? var[j] : 0.0;
            Y[(size_t)i * d + j] =
                gamma[j] * (X[(size_t)i * d + j] - m) / sqrt(v + eps) + beta[j];
        }
}
