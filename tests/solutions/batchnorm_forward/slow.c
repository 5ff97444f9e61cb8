/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but written element by element with helpers: each Y[i][j]
 * calls column_mean() and column_var(), which walk the whole column again.
 * O(n^2 d) instead of O(n d). */
#include <math.h>

static double column_mean(const double *X, int n, int d, int j)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) /* hot */
        s += X[(long)i * d + j];
    return s / n;
}

static double column_var(const double *X, int n, int d, int j)
{
    double m = column_mean(X, n, d, j), s = 0.0;
    for (int i = 0; i < n; i++)
        s += (X[(long)i * d + j] - m) * (X[(long)i * d + j] - m);
    return s / n;
}

void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum, double eps,
                       double *running_mean, double *running_var, double *Y)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double m = training ? column_mean(X, n, d, j) : running_mean[j];
            double v = training ? column_var(X, n, d, j) : running_var[j];
            Y[(long)i * d + j] = gamma[j] * (X[(long)i * d + j] - m) / sqrt(v + eps) + beta[j];
        }
    if (training)
        for (int j = 0; j < d; j++) {
            running_mean[j] = (1 - momentum) * running_mean[j] + momentum * column_mean(X, n, d, j);
            running_var[j] = (1 - momentum) * running_var[j] + momentum * column_var(X, n, d, j);
        }
}
