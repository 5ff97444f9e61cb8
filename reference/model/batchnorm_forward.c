/* Model answer: batch normalisation, forward pass (training and inference). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per-feature mean and variance of the batch X (n-by-d) into mu and var,
 * which start at 0. Row by row, so the inner loop runs along memory. */
static void batch_stats(const double *X, int n, int d, double *mu, double *var)
{
    /* The mean of X - X[0], shifted back: for data far from zero the sum
     * stays small and keeps its digits (a constant feature's mean is exact). */
    for (int i = 1; i < n; i++)
        for (int j = 0; j < d; j++)
            mu[j] += X[(size_t)i * d + j] - X[j];
    for (int j = 0; j < d; j++)
        mu[j] = X[j] + mu[j] / n;
    /* Two passes: the centred squares stay accurate for data far from zero,
     * where E[x^2] - E[x]^2 cancels catastrophically. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double c = X[(size_t)i * d + j] - mu[j];
            var[j] += c * c;
        }
    for (int j = 0; j < d; j++)    /* sums of squares to variances */
#if MISTAKE(unbiased_var)
        var[j] /= n - 1;
#else
        var[j] /= n;    /* biased: batch norm divides by n, not n - 1 */
#endif
}

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *mu = calloc(3 * (size_t)d, sizeof *mu);
    if (!mu) return;    /* out of memory */
    double *var = mu + d, *scale = var + d;
    if (training) {
        batch_stats(X, n, d, mu, var);
        for (int j = 0; j < d; j++) {
#if MISTAKE(momentum_swapped)
            running_mean[j] = momentum * running_mean[j] + (1 - momentum) * mu[j];
            running_var[j] = momentum * running_var[j] + (1 - momentum) * var[j];
#else
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu[j];
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var[j];
#endif
        }
    } else {
        /* inference: the running statistics, never this batch's */
#if MISTAKE(batch_stats_at_inference)
        batch_stats(X, n, d, mu, var);
#else
        memcpy(mu, running_mean, sizeof *mu * d);
        memcpy(var, running_var, sizeof *var * d);
#endif
    }
    /* eps under the square root: a constant feature has var = 0 */
    for (int j = 0; j < d; j++)
#if MISTAKE(no_eps)
        scale[j] = gamma[j] / sqrt(var[j]);
#else
        scale[j] = gamma[j] / sqrt(var[j] + eps);
#endif
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[(size_t)i * d + j] = (X[(size_t)i * d + j] - mu[j]) * scale[j] + beta[j];
    free(mu);
}
