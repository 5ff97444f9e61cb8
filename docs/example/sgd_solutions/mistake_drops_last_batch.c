/* expect: status=graded passed=no correctness=fail mistake=drops_last_batch */
/* Loops while a whole batch fits: when batch does not divide n, the last
 * n % batch rows of every epoch never update the weights. */
#include <stdlib.h>

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *g = calloc((size_t)d, sizeof(double));
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        const int *ord = order + (long)e * n;
        for (int s = 0; s + batch <= n; s += batch) {
            double gb = 0;
            for (int j = 0; j < d; j++)
                g[j] = 0;
            for (int t = s; t < s + batch; t++) {
                double r = *b - y[ord[t]];
                for (int j = 0; j < d; j++)
                    r += w[j] * X[(long)ord[t] * d + j];
                for (int j = 0; j < d; j++)
                    g[j] += r * X[(long)ord[t] * d + j];
                gb += r;
            }
            for (int j = 0; j < d; j++)
                w[j] -= lr * g[j] / batch;
            *b -= lr * gb / batch;
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
