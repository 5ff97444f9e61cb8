/* expect: status=graded passed=no correctness=fail mistake=dgamma_uses_x */
/* "Y = gamma * x + beta, so dgamma = sum dY * x" -- with the raw input
 * instead of the normalised one.  dX and dbeta are right. */
#include <math.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j];
        mu /= n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu);
        var /= n;
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / sqrt(var + eps) + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j];
        mu /= n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu);
        var /= n;
        double s = sqrt(var + eps), sum_g = 0, sum_gx = 0;
        dbeta[j] = dgamma[j] = 0;
        for (int i = 0; i < n; i++) {
            double g = gamma[j] * dY[i * d + j], xhat = (X[i * d + j] - mu) / s;
            sum_g += g;
            sum_gx += g * xhat;
            dbeta[j] += dY[i * d + j];
            dgamma[j] += dY[i * d + j] * X[i * d + j];
        }
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s;
            dX[i * d + j] = (gamma[j] * dY[i * d + j] - sum_g / n - xhat * sum_gx / n) / s;
        }
    }
}
