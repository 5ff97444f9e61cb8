/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: row-major passes with each feature's sums kept in fixed arrays
 * of 1024 ("d is 128 in the benchmark").  Features past the 1024th are left
 * out of both passes: Y is just beta there, and dX, dgamma and dbeta are 0.
 * The statement bounds d only from below (d >= 1). */
#include <math.h>
#include <stddef.h>
#include <string.h>

#define MAX_FEATURES 1024

/* Per-feature mean and s = sqrt(var + eps) of the first `kept` features. */
static void column_stats(const double *X, int n, int d, int kept, double eps,
                         double *mu, double *s)
{
    for (int j = 0; j < kept; j++)
        mu[j] = s[j] = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < kept; j++)
            mu[j] += X[(size_t)i * d + j];
    for (int j = 0; j < kept; j++)
        mu[j] /= n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < kept; j++) {
            double t = X[(size_t)i * d + j] - mu[j];
            s[j] += t * t;
        }
    for (int j = 0; j < kept; j++)
        s[j] = sqrt(s[j] / n + eps);
}

void batchnorm_train_forward(const double *X, int n, int d,
                             const double *gamma, const double *beta,
                             double eps, double *Y)
{
    double mu[MAX_FEATURES], s[MAX_FEATURES];
    int kept = d < MAX_FEATURES ? d : MAX_FEATURES;

    column_stats(X, n, d, kept, eps, mu, s);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Y[(size_t)i * d + j] =
                j < kept ? gamma[j] * (X[(size_t)i * d + j] - mu[j]) / s[j] + beta[j]
                         : beta[j];
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX,
                        double *dgamma, double *dbeta)
{
    double mu[MAX_FEATURES], s[MAX_FEATURES];
    double sg[MAX_FEATURES] = {0}, sgx[MAX_FEATURES] = {0};
    int kept = d < MAX_FEATURES ? d : MAX_FEATURES;

    memset(dX, 0, sizeof(double) * (size_t)n * d);
    memset(dgamma, 0, sizeof(double) * (size_t)d);
    memset(dbeta, 0, sizeof(double) * (size_t)d);
    column_stats(X, n, d, kept, eps, mu, s);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < kept; j++) {
            double xh = (X[(size_t)i * d + j] - mu[j]) / s[j];
            double dy = dY[(size_t)i * d + j];
            dbeta[j] += dy;
            dgamma[j] += dy * xh;
            sg[j] += gamma[j] * dy;
            sgx[j] += gamma[j] * dy * xh;
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < kept; j++) {
            double xh = (X[(size_t)i * d + j] - mu[j]) / s[j];
            dX[(size_t)i * d + j] =
                (gamma[j] * dY[(size_t)i * d + j] - sg[j] / n - xh * sgx[j] / n) / s[j];
        }
}
