/* expect: status=graded passed=yes correctness=pass convergence=pass organization=pass */
/* Plain loops: the batch's gradient summed with the weights fixed, one
 * update per batch, the loss once per epoch. */
#include <stdlib.h>

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *g = calloc((size_t)d + 1, sizeof(double));
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        const int *ord = order + (long)e * n;
        for (int s = 0; s < n; s += batch) {
            int m = s + batch <= n ? batch : n - s;
            for (int j = 0; j <= d; j++)
                g[j] = 0;
            for (int t = s; t < s + m; t++) {
                const double *x = X + (long)ord[t] * d;
                double r = *b - y[ord[t]];
                for (int j = 0; j < d; j++)
                    r += w[j] * x[j];
                for (int j = 0; j < d; j++)
                    g[j] += r * x[j];
                g[d] += r;
            }
            for (int j = 0; j < d; j++)
                w[j] -= lr * g[j] / m;
            *b -= lr * g[d] / m;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = *b - y[i];
            for (int j = 0; j < d; j++)
                r += w[j] * X[(long)i * d + j];
            sum += r * r;
        }
        loss[e] = sum / (2.0 * n);
    }
    free(g);
}
