/* expect: status=graded passed=no correctness=fail mistake=missing_gamma */
/* The compact formula dX = (1/s)(dY - mean(dY) - xhat mean(dY xhat)),
 * remembered without the gamma that scales the gradient into xhat.
 * dgamma and dbeta are right. */
#include <math.h>
#include <stdlib.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    double *mu = calloc(d, sizeof(double)), *var = calloc(d, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mu[j] += X[i * d + j] / n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            var[j] += (X[i * d + j] - mu[j]) * (X[i * d + j] - mu[j]) / n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu[j]) / sqrt(var[j] + eps) + beta[j];
    free(mu);
    free(var);
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    (void)gamma;
    double *mu = calloc(d, sizeof(double)), *var = calloc(d, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mu[j] += X[i * d + j] / n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            var[j] += (X[i * d + j] - mu[j]) * (X[i * d + j] - mu[j]) / n;
    for (int j = 0; j < d; j++)
        dbeta[j] = dgamma[j] = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            dbeta[j] += dY[i * d + j];
            dgamma[j] += dY[i * d + j] * (X[i * d + j] - mu[j]) / sqrt(var[j] + eps);
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double s = sqrt(var[j] + eps), xhat = (X[i * d + j] - mu[j]) / s;
            dX[i * d + j] = (dY[i * d + j] - dbeta[j] / n - xhat * dgamma[j] / n) / s;
        }
    free(mu);
    free(var);
}
