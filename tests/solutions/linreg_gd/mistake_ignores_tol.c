/* expect: status=graded passed=no convergence=fail mistake=ignores_tol */
/* Runs a fixed max_iter steps and records the loss, but never looks at tol:
 * no early stop, and it always returns max_iter. */
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    (void)tol;
    double *g = malloc(sizeof(double) * d);
    if (!g)
        return 0;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    for (int t = 0; t < max_iter; t++) {
        double sq = 0.0, gb = 0.0;
        for (int j = 0; j < d; j++)
            g[j] = 0.0;
        for (int i = 0; i < n; i++) {
            double r = *b - y[i];
            for (int j = 0; j < d; j++)
                r += X[i * d + j] * w[j];
            sq += r * r;
            gb += r;
            for (int j = 0; j < d; j++)
                g[j] += r * X[i * d + j];
        }
        loss[t] = 0.5 * sq / n;
        for (int j = 0; j < d; j++)
            w[j] -= lr * g[j] / n;
        *b -= lr * gb / n;
    }
    free(g);
    return max_iter;
}
