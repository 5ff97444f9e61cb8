/* Model answer: batch normalisation in training mode, forward and backward. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per feature of X (n-by-d): the batch mean mu and inv_s = 1 / sqrt(var + eps),
 * both starting at 0. Row by row, so the inner loop runs along memory. */
static void batch_stats(const double *X, int n, int d, double eps, double *mu, double *inv_s)
{
    /* The mean of X - X[0], shifted back: for data far from zero the sum
     * stays small and keeps its digits (a constant feature's mean is exact). */
    for (int i = 1; i < n; i++)
        for (int j = 0; j < d; j++)
            mu[j] += X[(size_t)i * d + j] - X[j];
    for (int j = 0; j < d; j++)
        mu[j] = X[j] + mu[j] / n;
    /* Two passes: centred squares, not E[x^2] - E[x]^2, which cancels. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double c = X[(size_t)i * d + j] - mu[j];
            inv_s[j] += c * c;
        }
    for (int j = 0; j < d; j++)
#if MISTAKE(unbiased_var)
        inv_s[j] = 1 / sqrt(inv_s[j] / (n - 1) + eps);
#else
        inv_s[j] = 1 / sqrt(inv_s[j] / n + eps);   /* biased variance; eps keeps s > 0 */
#endif
}

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    double *mu = calloc(2 * (size_t)d, sizeof *mu);
    if (!mu) return;    /* out of memory */
    double *inv_s = mu + d;
    batch_stats(X, n, d, eps, mu, inv_s);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            size_t k = (size_t)i * d + j;
            Y[k] = gamma[j] * (X[k] - mu[j]) * inv_s[j] + beta[j];
        }
    free(mu);
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    double *mu = calloc(5 * (size_t)d, sizeof *mu);
    if (!mu) return;    /* out of memory */
    double *inv_s = mu + d, *scale = inv_s + d, *mean_dy = scale + d, *mean_dy_xhat = mean_dy + d;
    batch_stats(X, n, d, eps, mu, inv_s);
    memset(dbeta, 0, sizeof *dbeta * d);
    memset(dgamma, 0, sizeof *dgamma * d);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            size_t k = (size_t)i * d + j;
            dbeta[j] += dY[k];
            dgamma[j] += dY[k] * (X[k] - mu[j]) * inv_s[j];   /* times xhat, not x */
        }
    /* dL/dxhat = gamma dY. mu and var depend on every x of the column, so
     * dX = (gamma / s) (dY - mean(dY) - xhat mean(dY xhat)): the two means
     * are the paths through mu and through var. */
    for (int j = 0; j < d; j++) {
#if MISTAKE(missing_gamma)
        scale[j] = inv_s[j];
#else
        scale[j] = gamma[j] * inv_s[j];
#endif
        mean_dy[j] = dbeta[j] / n;
#if MISTAKE(unbiased_var)
        mean_dy_xhat[j] = dgamma[j] / (n - 1);
#else
        mean_dy_xhat[j] = dgamma[j] / n;
#endif
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            size_t k = (size_t)i * d + j;
            double xhat = (X[k] - mu[j]) * inv_s[j];
#if MISTAKE(ignores_batch_stats)
            dX[k] = scale[j] * dY[k];
#else
            dX[k] = scale[j] * (dY[k] - mean_dy[j] - xhat * mean_dy_xhat[j]);
#endif
        }
#if MISTAKE(dgamma_uses_x)
    memset(dgamma, 0, sizeof *dgamma * d);
    for (size_t k = 0; k < (size_t)n * d; k++)
        dgamma[k % d] += dY[k] * X[k];
#endif
    free(mu);
}
