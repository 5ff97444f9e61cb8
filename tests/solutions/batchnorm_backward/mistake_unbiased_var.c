/* expect: status=graded passed=no correctness=fail mistake=unbiased_var */
/* Uses the unbiased variance, sum (x - mu)^2 / (n - 1), in the forward pass
 * and carries the n - 1 through the backward pass consistently: the
 * finite differences agree with this forward pass, but it is not batch
 * norm's. */
#include <math.h>

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu = 0, ss = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j];
        mu /= n;
        for (int i = 0; i < n; i++)
            ss += (X[i * d + j] - mu) * (X[i * d + j] - mu);
        double s = sqrt(ss / (n - 1) + eps);
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / s + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    for (int j = 0; j < d; j++) {
        double mu = 0, ss = 0;
        for (int i = 0; i < n; i++)
            mu += X[i * d + j];
        mu /= n;
        for (int i = 0; i < n; i++)
            ss += (X[i * d + j] - mu) * (X[i * d + j] - mu);
        double s = sqrt(ss / (n - 1) + eps), sg = 0, sgx = 0;
        dbeta[j] = dgamma[j] = 0;
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s, g = gamma[j] * dY[i * d + j];
            dbeta[j] += dY[i * d + j];
            dgamma[j] += dY[i * d + j] * xhat;
            sg += g;
            sgx += g * xhat;
        }
        for (int i = 0; i < n; i++) {
            double xhat = (X[i * d + j] - mu) / s;
            dX[i * d + j] = (gamma[j] * dY[i * d + j] - sg / n - xhat * sgx / (n - 1)) / s;
        }
    }
}
