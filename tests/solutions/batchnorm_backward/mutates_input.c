/* expect: status=graded passed=no organization=fail */
/* Reuses dY as scratch for gamma * dY ("it is only a gradient"), casting
 * const away: the answers are right, but the caller's dY is overwritten. */
#include <math.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j] / n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu) / n;
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / sqrt(var + eps) + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    double *g = (double *)dY;
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j] / n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu) / n;
        double s = sqrt(var + eps), sg = 0, sgx = 0;
        dbeta[j] = dgamma[j] = 0;
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s;
            dbeta[j] += g[i * d + j];
            dgamma[j] += g[i * d + j] * xhat;
            g[i * d + j] *= gamma[j];
            sg += g[i * d + j];
            sgx += g[i * d + j] * xhat;
        }
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s;
            dX[i * d + j] = (g[i * d + j] - sg / n - xhat * sgx / n) / s;
        }
    }
}
