/* Reference: batch normalisation in training mode, forward and backward.
 *
 * X, Y, dY, dX are n-by-d (row-major); statistics are per feature j:
 *   mu_j = (1/n) sum_i X_ij,  var_j = (1/n) sum_i (X_ij - mu_j)^2,
 *   s_j = sqrt(var_j + eps),  xhat_ij = (X_ij - mu_j) / s_j,
 *   Y_ij = gamma_j xhat_ij + beta_j.
 * Backward, with g_ij = gamma_j dY_ij (the gradient reaching xhat):
 *   dbeta_j  = sum_i dY_ij
 *   dgamma_j = sum_i dY_ij xhat_ij
 *   dX_ij    = (1 / s_j) (g_ij - mean_i g_ij - xhat_ij mean_i (g_ij xhat_ij))
 *            = (gamma_j / s_j) (dY_ij - dbeta_j / n - xhat_ij dgamma_j / n)
 * The two means are the paths through mu and var; dropping them is the
 * classic mistake.  The variance takes two passes, and the mean is taken
 * of X - X[0] (then shifted back), both accurate far from zero; every pass
 * walks the rows with the feature loop innermost.  The
 * functions do nothing for n < 1 or d < 1, or when memory runs out. */
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
            const double xhat = (x[j] - mu[j]) * inv_s[j];
            dx[j] = scale[j] * (dy[j] - inv_n * (dbeta[j] + xhat * dgamma[j]));
        }
    }
    free(mu);
}
