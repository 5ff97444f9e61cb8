/* Mistake variant batchnorm_backward/ignores_batch_stats.
 *
 * dX treats the batch mean and variance as constants: dX = gamma dY / s,
 * dropping the two terms that flow back through mu and var.  Everything
 * else is identical to the reference. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* mu and 1/s of every feature (two passes over X) */
static void batch_stats(const double *X, int n, int d, double eps, double *mu,
                        double *inv_s)
{
    /* the mean of X - X[0] plus X[0]: the shift keeps the sum small for
     * data far from zero, so the mean keeps its digits */
    for (int j = 0; j < d; j++)
        mu[j] = inv_s[j] = 0.0;
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
            inv_s[j] += c * c;
        }
    }
    for (int j = 0; j < d; j++)
        inv_s[j] = 1.0 / sqrt(inv_s[j] * inv_n + eps);
}

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    if (n < 1 || d < 1)
        return;
    double *mu = malloc(sizeof(double) * 3 * (size_t)d);
    if (!mu)
        return;
    double *inv_s = mu + d, *scale = mu + 2 * (size_t)d;
    batch_stats(X, n, d, eps, mu, inv_s);
    for (int j = 0; j < d; j++)
        scale[j] = gamma[j] * inv_s[j];
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * (size_t)d;
        double *y = Y + (size_t)i * (size_t)d;
        for (int j = 0; j < d; j++)
            y[j] = (x[j] - mu[j]) * scale[j] + beta[j];
    }
    free(mu);
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    if (n < 1 || d < 1)
        return;
    double *mu = malloc(sizeof(double) * 3 * (size_t)d);
    if (!mu)
        return;
    double *inv_s = mu + d, *scale = mu + 2 * (size_t)d;
    batch_stats(X, n, d, eps, mu, inv_s);

    /* dbeta = sum dY, and sum dY (x - mu) (dgamma times s) */
    for (int j = 0; j < d; j++)
        dbeta[j] = dgamma[j] = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * (size_t)d, *dy = dY + (size_t)i * (size_t)d;
        for (int j = 0; j < d; j++) {
            dbeta[j] += dy[j];
            dgamma[j] += dy[j] * (x[j] - mu[j]);
        }
    }
    for (int j = 0; j < d; j++)
        dgamma[j] *= inv_s[j];

    /* dX = (gamma/s) (dY - dbeta/n - xhat dgamma/n), xhat = (x - mu)/s */
    const double inv_n = 1.0 / n;
    for (int j = 0; j < d; j++)
        scale[j] = gamma[j] * inv_s[j];
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * (size_t)d, *dy = dY + (size_t)i * (size_t)d;
        double *dx = dX + (size_t)i * (size_t)d;
        for (int j = 0; j < d; j++) {
            (void)x;
            (void)inv_n;
            dx[j] = scale[j] * dy[j];
        }
    }
    free(mu);
}
