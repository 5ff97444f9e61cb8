/* expect: status=graded passed=no correctness=fail convergence=fail mistake=ignores_tol */
/* Records the loss before every sweep, but never compares its change with
 * tol: always max_iter sweeps, and it returns max_iter. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    (void)tol;
    double *Xc = malloc(sizeof(double) * n * d), *r = malloc(sizeof(double) * n);
    double *mx = calloc(d, sizeof(double)), *z = calloc(d, sizeof(double));
    double my = 0;
    for (int i = 0; i < n; i++) {
        my += y[i];
        for (int j = 0; j < d; j++)
            mx[j] += X[i * d + j];
    }
    my /= n;
    for (int j = 0; j < d; j++)
        mx[j] /= n;
    for (int i = 0; i < n; i++) {
        r[i] = y[i] - my;
        for (int j = 0; j < d; j++) {
            Xc[i * d + j] = X[i * d + j] - mx[j];
            z[j] += Xc[i * d + j] * Xc[i * d + j] / n;
        }
    }
    for (int j = 0; j < d; j++)
        w[j] = 0;
    for (int t = 0; t < max_iter; t++) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = 0.5 * rss / n + alpha * l1;
        for (int j = 0; j < d; j++) {
            if (z[j] == 0)
                continue;
            double rho = 0;
            for (int i = 0; i < n; i++)
                rho += Xc[i * d + j] * r[i];
            rho = rho / n + z[j] * w[j];
            double nw = rho > alpha ? (rho - alpha) / z[j]
                      : rho < -alpha ? (rho + alpha) / z[j] : 0;
            for (int i = 0; i < n; i++)
                r[i] -= (nw - w[j]) * Xc[i * d + j];
            w[j] = nw;
        }
    }
    double bb = my;
    for (int j = 0; j < d; j++)
        bb -= mx[j] * w[j];
    *b = bb;
    free(Xc);
    free(r);
    free(mx);
    free(z);
    return max_iter;
}
