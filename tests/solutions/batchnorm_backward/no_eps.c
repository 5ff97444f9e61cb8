/* expect: status=graded passed=no stability=fail */
/* Right formulas, but s = sqrt(var) without eps (in both passes): a
 * constant feature makes xhat 0/0 and the gradients NaN. */
#include <math.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j] / n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu) / n;
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / sqrt(var) + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mu = 0, var = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j] / n;
        for (int i = 0; i < n; i++)
            var += (X[i * d + j] - mu) * (X[i * d + j] - mu) / n;
        double s = sqrt(var);
        double db = 0, dg = 0;
        for (int i = 0; i < n; i++) {
            db += dY[i * d + j];
            dg += dY[i * d + j] * (X[i * d + j] - mu) / s;
        }
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s;
            dX[i * d + j] = gamma[j] / s * (dY[i * d + j] - db / n - xhat * dg / n);
        }
        dbeta[j] = db;
        dgamma[j] = dg;
    }
}
