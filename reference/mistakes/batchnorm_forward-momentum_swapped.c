/* Mistake variant batchnorm_forward/momentum_swapped.
 *
 * The running averages keep momentum of the new batch statistic and
 * 1 - momentum of the old value: the roles of the two weights are swapped
 * (momentum = 0.1 should move the running value 10% towards the batch). Everything else is identical to the
 * reference. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    if (n < 1 || d < 1)
        return;
    /* per feature: the mean and the variance used, then scale and shift */
    double *mu = malloc(sizeof(double) * 4 * (size_t)d);
    if (!mu)
        return;
    double *var = mu + d, *scale = mu + 2 * (size_t)d, *shift = mu + 3 * (size_t)d;

    if (training) {
        /* the mean of X - X[0] plus X[0]: the shift keeps the sum small
         * for data far from zero, so the mean keeps its digits */
        for (int j = 0; j < d; j++)
            mu[j] = var[j] = 0.0;
        for (int i = 1; i < n; i++) {
            const double *x = X + (size_t)i * (size_t)d;
            for (int j = 0; j < d; j++)
                mu[j] += x[j] - X[j];
        }
        const double inv_n = 1.0 / n;
        for (int j = 0; j < d; j++)
            mu[j] = X[j] + mu[j] * inv_n;
        for (int i = 0; i < n; i++) {
            const double *x = X + (size_t)i * (size_t)d;
            for (int j = 0; j < d; j++) {
                const double c = x[j] - mu[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] *= inv_n;
            running_mean[j] = momentum * running_mean[j] + (1.0 - momentum) * mu[j];
            running_var[j] = momentum * running_var[j] + (1.0 - momentum) * var[j];
        }
    } else {
        for (int j = 0; j < d; j++) {
            mu[j] = running_mean[j];
            var[j] = running_var[j];
        }
    }

    /* Y = (X - mu) * scale + beta with scale = gamma / sqrt(var + eps) */
    for (int j = 0; j < d; j++) {
        scale[j] = gamma[j] / sqrt(var[j] + eps);
        shift[j] = beta[j];
    }
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * (size_t)d;
        double *y = Y + (size_t)i * (size_t)d;
        for (int j = 0; j < d; j++)
            y[j] = (x[j] - mu[j]) * scale[j] + shift[j];
    }
    free(mu);
}
