/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: the graph-by-graph backward pass of accepted_loops.c with eps
 * written as the usual 1e-5 instead of the argument, in both passes (so
 * the finite differences of its own forward pass agree with it).  Right
 * whenever the caller passes eps = 1e-5, or when eps is negligible next to
 * every variance. */
#include <math.h>

static void column_stats(const double *X, int n, int d, int j, double *mu, double *var)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += X[(long)i * d + j];
    *mu = s / n;
    double v = 0.0;
    for (int i = 0; i < n; i++)
        v += (X[(long)i * d + j] - *mu) * (X[(long)i * d + j] - *mu);
    *var = v / n;
}

void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mu, var;
        column_stats(X, n, d, j, &mu, &var);
        double s = sqrt(var + 1e-5);
        for (int i = 0; i < n; i++)
            Y[(long)i * d + j] = gamma[j] * (X[(long)i * d + j] - mu) / s + beta[j];
    }
}

void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX, double *dgamma,
                        double *dbeta)
{
    (void)eps;
    for (int j = 0; j < d; j++) {
        double mu, var;
        column_stats(X, n, d, j, &mu, &var);
        double s = sqrt(var + 1e-5), ds = -0.5 / ((var + 1e-5) * s);    /* d s^-1 / d var */
        double db = 0.0, dg = 0.0, dvar = 0.0, dmu = 0.0, sum_c = 0.0;
        for (int i = 0; i < n; i++) {
            double dy = dY[(long)i * d + j], c = X[(long)i * d + j] - mu;
            double dxhat = dy * gamma[j];
            db += dy;
            dg += dy * c / s;
            dvar += dxhat * c * ds;
            dmu += -dxhat / s;
            sum_c += c;
        }
        dmu += dvar * -2.0 * sum_c / n;
        for (int i = 0; i < n; i++) {
            double c = X[(long)i * d + j] - mu;
            double dxhat = dY[(long)i * d + j] * gamma[j];
            dX[(long)i * d + j] = dxhat / s + dvar * 2.0 * c / n + dmu / n;
        }
        dbeta[j] = db;
        dgamma[j] = dg;
    }
}
