/* expect: status=graded passed=no correctness=fail mistake=ignores_batch_stats */
/* dbeta and dgamma are right, but dX only follows the direct path:
 * dX = gamma * dY / sqrt(var + eps), as if mu and var did not depend on X. */
#include <math.h>
#include <stdlib.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double m = 0, v = 0;
        for (int i = 0; i < n; i++)
            m += X[i * d + j];
        m /= n;
        for (int i = 0; i < n; i++)
            v += (X[i * d + j] - m) * (X[i * d + j] - m);
        v /= n;
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - m) / sqrt(v + eps) + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    for (int j = 0; j < d; j++) {
        double m = 0, v = 0;
        for (int i = 0; i < n; i++)
            m += X[i * d + j];
        m /= n;
        for (int i = 0; i < n; i++)
            v += (X[i * d + j] - m) * (X[i * d + j] - m);
        v /= n;
        double s = sqrt(v + eps);
        dbeta[j] = 0;
        dgamma[j] = 0;
        for (int i = 0; i < n; i++) {
            dbeta[j] += dY[i * d + j];
            dgamma[j] += dY[i * d + j] * (X[i * d + j] - m) / s;
            dX[i * d + j] = gamma[j] * dY[i * d + j] / s;
        }
    }
}
