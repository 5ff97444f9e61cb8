/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Column sums as matrix-vector products: mu = X^T 1 / n and dbeta = dY^T 1
 * (cblas_dgemv).  xhat is formed once in dX's buffer, dgamma is the column
 * sums of dY .* xhat, and dX is then rewritten in place from the compact
 * formula dX = (gamma/s) (dY - dbeta/n - xhat dgamma/n). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

/* mu (d) and 1/s (d) of every column; ones is n ones */
static void stats(const double *X, int n, int d, double eps, const double *ones, double *mu,
                  double *inv_s)
{
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0 / n, X, d, ones, 1, 0.0, mu, 1);
    for (int j = 0; j < d; j++)
        inv_s[j] = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double c = X[(size_t)i * d + j] - mu[j];
            inv_s[j] += c * c;
        }
    for (int j = 0; j < d; j++)
        inv_s[j] = 1.0 / sqrt(inv_s[j] / n + eps);
}

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    double *ones = calloc((size_t)n, sizeof(double));
    double *mu = malloc(sizeof(double) * 2 * (size_t)d);
    if (!ones || !mu)
        goto out;
    double *inv_s = mu + d;
    for (int i = 0; i < n; i++)
        ones[i] = 1.0;
    stats(X, n, d, eps, ones, mu, inv_s);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[(size_t)i * d + j] = gamma[j] * (X[(size_t)i * d + j] - mu[j]) * inv_s[j] + beta[j];
out:
    free(ones);
    free(mu);
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    double *ones = calloc((size_t)n, sizeof(double));
    double *mu = malloc(sizeof(double) * 2 * (size_t)d);
    if (!ones || !mu)
        goto out;
    double *inv_s = mu + d;
    for (int i = 0; i < n; i++)
        ones[i] = 1.0;
    stats(X, n, d, eps, ones, mu, inv_s);
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, dY, d, ones, 1, 0.0, dbeta, 1);
    for (int j = 0; j < d; j++)
        dgamma[j] = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double xhat = (X[(size_t)i * d + j] - mu[j]) * inv_s[j];
            dX[(size_t)i * d + j] = xhat;
            dgamma[j] += dY[(size_t)i * d + j] * xhat;
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double xhat = dX[(size_t)i * d + j];
            dX[(size_t)i * d + j] = gamma[j] * inv_s[j] *
                (dY[(size_t)i * d + j] - (dbeta[j] + xhat * dgamma[j]) / n);
        }
out:
    free(ones);
    free(mu);
}
