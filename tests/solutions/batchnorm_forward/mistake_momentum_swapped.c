/* expect: status=graded passed=no correctness=fail mistake=momentum_swapped */
/* Reads momentum as "how much of the old value to keep" (the convention of
 * some other libraries), so running = momentum * running + (1 - momentum)
 * * batch.  The forward outputs in training are right. */
#include <math.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu, var;
        if (training) {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++)
                s += X[i * d + j];
            mu = s / n;
            for (int i = 0; i < n; i++)
                ss += (X[i * d + j] - mu) * (X[i * d + j] - mu);
            var = ss / n;
            running_mean[j] = momentum * running_mean[j] + (1 - momentum) * mu;
            running_var[j] = momentum * running_var[j] + (1 - momentum) * var;
        } else {
            mu = running_mean[j];
            var = running_var[j];
        }
        for (int i = 0; i < n; i++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mu) / sqrt(var + eps) + beta[j];
    }
}
