/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: the backward pass copies each feature's column of X and dY
 * into stack buffers of 16384 samples ("the benchmark batch is 16384") so
 * that its passes are contiguous.  A larger batch leaves its last samples
 * out of the sums, and their dX is written as 0.  The statement bounds n
 * only from below (n >= 1). */
#include <math.h>
#include <stddef.h>

#define MAX_BATCH 16384

void batchnorm_train_forward(const double *X, int n, int d,
                             const double *gamma, const double *beta,
                             double eps, double *Y)
{
    for (int j = 0; j < d; j++) {
        double mu = 0.0, q = 0.0;
        for (int i = 0; i < n; i++)
            mu += X[(size_t)i * d + j];
        mu /= n;
        for (int i = 0; i < n; i++) {
            double t = X[(size_t)i * d + j] - mu;
            q += t * t;
        }
        double s = sqrt(q / n + eps);
        for (int i = 0; i < n; i++)
            Y[(size_t)i * d + j] = gamma[j] * (X[(size_t)i * d + j] - mu) / s + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX,
                        double *dgamma, double *dbeta)
{
    int kept = n < MAX_BATCH ? n : MAX_BATCH;

    for (int j = 0; j < d; j++) {
        double x[MAX_BATCH], g[MAX_BATCH];
        double mu = 0.0, q = 0.0, sg = 0.0, sgx = 0.0, db = 0.0, dg = 0.0;

        for (int i = 0; i < kept; i++) {
            x[i] = X[(size_t)i * d + j];
            g[i] = dY[(size_t)i * d + j];
            mu += x[i];
        }
        mu /= kept;
        for (int i = 0; i < kept; i++)
            q += (x[i] - mu) * (x[i] - mu);
        double s = sqrt(q / kept + eps);
        for (int i = 0; i < kept; i++) {
            double xh = (x[i] - mu) / s;
            db += g[i];
            dg += g[i] * xh;
            sg += gamma[j] * g[i];
            sgx += gamma[j] * g[i] * xh;
        }
        dbeta[j] = db;
        dgamma[j] = dg;
        for (int i = 0; i < n; i++) {
            double xh = i < kept ? (x[i] - mu) / s : 0.0;
            dX[(size_t)i * d + j] =
                i < kept ? (gamma[j] * g[i] - sg / kept - xh * sgx / kept) / s : 0.0;
        }
    }
}
