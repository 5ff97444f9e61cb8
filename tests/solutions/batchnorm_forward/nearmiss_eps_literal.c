/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: the column-by-column form of accepted_loops.c with eps written
 * as the usual 1e-5 instead of the argument.  Right whenever the caller
 * passes eps = 1e-5, or when eps is negligible next to every variance. */
#include <math.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mean, var;
        if (training) {
            double s = 0.0;
            for (int i = 0; i < n; i++)
                s += X[(long)i * d + j];
            mean = s / n;
            double ss = 0.0;
            for (int i = 0; i < n; i++) {
                double c = X[(long)i * d + j] - mean;
                ss += c * c;
            }
            var = ss / n;
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mean;
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var;
        } else {
            mean = running_mean[j];
            var = running_var[j];
        }
        double inv_std = 1.0 / sqrt(var + 1e-5);
        for (int i = 0; i < n; i++)
            Y[(long)i * d + j] = gamma[j] * (X[(long)i * d + j] - mean) * inv_std + beta[j];
    }
}
