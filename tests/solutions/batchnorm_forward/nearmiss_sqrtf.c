/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: everything in double except the square root, taken as
 * sqrtf((float)(var + eps)) out of habit from GPU code.  The scale of every
 * feature is then off by about 1e-7 relative: inside a loose tolerance,
 * but not the double-precision answer the statement asks for. */
#include <math.h>
#include <stddef.h>

static void column_stats(const double *X, int n, int d, int j, double *mu,
                         double *var)
{
    double s = 0.0, q = 0.0;
    for (int i = 0; i < n; i++)
        s += X[(size_t)i * d + j];
    *mu = s / n;
    for (int i = 0; i < n; i++) {
        double t = X[(size_t)i * d + j] - *mu;
        q += t * t;
    }
    *var = q / n;
}

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum,
                       double eps, double *running_mean, double *running_var,
                       double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu, var;
        if (training) {
            column_stats(X, n, d, j, &mu, &var);
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu;
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var;
        } else {
            mu = running_mean[j];
            var = running_var[j];
        }
        double inv = 1.0 / sqrtf((float)(var + eps));
        for (int i = 0; i < n; i++)
            Y[(size_t)i * d + j] = gamma[j] * (X[(size_t)i * d + j] - mu) * inv + beta[j];
    }
}
