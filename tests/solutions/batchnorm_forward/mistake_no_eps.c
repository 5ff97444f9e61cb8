/* expect: status=graded passed=no stability=fail mistake=no_eps */
/* Normalises by the standard deviation itself, sqrt(var) -- eps is taken
 * as a parameter and never used.  A constant feature is 0/0. */
#include <math.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mu = running_mean[j], var = running_var[j];
        if (training) {
            mu = 0;
            for (int i = 0; i < n; i++)
                mu += X[i * d + j] / n;
            var = 0;
            for (int i = 0; i < n; i++)
                var += (X[i * d + j] - mu) * (X[i * d + j] - mu) / n;
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu;
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var;
        }
        double sd = sqrt(var);
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / sd + beta[j];
    }
}
