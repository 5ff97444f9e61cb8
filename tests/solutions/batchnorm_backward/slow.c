/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but every dX entry is computed on its own: it calls helpers
 * that recompute the column's mean, variance and the two gradient sums
 * from scratch.  O(n^2 d) instead of O(n d). */
#include <math.h>

static double mean_col(const double *A, int n, int d, int j)
{
    double s = 0;
    for (int i = 0; i < n; i++) /* hot */
        s += A[(long)i * d + j];
    return s / n;
}

static double var_col(const double *X, int n, int d, int j)
{
    double m = mean_col(X, n, d, j), s = 0;
    for (int i = 0; i < n; i++)
        s += (X[(long)i * d + j] - m) * (X[(long)i * d + j] - m);
    return s / n;
}

/* sum_i dY_ij xhat_ij */
static double dgamma_col(const double *dY, const double *X, int n, int d, int j, double eps)
{
    double m = mean_col(X, n, d, j), s = sqrt(var_col(X, n, d, j) + eps), t = 0;
    for (int i = 0; i < n; i++)
        t += dY[(long)i * d + j] * (X[(long)i * d + j] - m) / s;
    return t;
}

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double m = mean_col(X, n, d, j), s = sqrt(var_col(X, n, d, j) + eps);
        for (int i = 0; i < n; i++)
            Y[(long)i * d + j] = gamma[j] * (X[(long)i * d + j] - m) / s + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double m = mean_col(X, n, d, j), s = sqrt(var_col(X, n, d, j) + eps);
            double xhat = (X[(long)i * d + j] - m) / s;
            double db = n * mean_col(dY, n, d, j), dg = dgamma_col(dY, X, n, d, j, eps);
            dX[(long)i * d + j] = gamma[j] / s * (dY[(long)i * d + j] - db / n - xhat * dg / n);
        }
    for (int j = 0; j < d; j++) {
        dbeta[j] = n * mean_col(dY, n, d, j);
        dgamma[j] = dgamma_col(dY, X, n, d, j, eps);
    }
}
