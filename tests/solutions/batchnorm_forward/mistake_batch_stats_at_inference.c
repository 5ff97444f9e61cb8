/* expect: status=graded passed=no correctness=fail mistake=batch_stats_at_inference */
/* Always normalises with the statistics of the batch at hand; the training
 * flag only decides whether the running statistics get updated.  So the
 * running statistics are kept but never used. */
#include <math.h>
#include <stdlib.h>

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    double *mean = calloc(d, sizeof(double)), *var = calloc(d, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mean[j] += X[i * d + j];
    for (int j = 0; j < d; j++)
        mean[j] /= n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            var[j] += (X[i * d + j] - mean[j]) * (X[i * d + j] - mean[j]);
    for (int j = 0; j < d; j++) {
        var[j] /= n;
        if (training) {
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * mean[j];
            running_var[j] = (1 - momentum) * running_var[j] + momentum * var[j];
        }
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[i * d + j] = gamma[j] * (X[i * d + j] - mean[j]) / sqrt(var[j] + eps) + beta[j];
    free(mean);
    free(var);
}
