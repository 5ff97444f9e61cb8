/* expect: status=graded correctness=pass vectorization=fail convergence=pass organization=pass */
/* Right, but the loss over all n rows is recomputed after every batch
 * (only the last value of an epoch is kept): n/batch times the work. */
#include <stdlib.h>

static double loss_of(const double *X, const double *y, int n, int d, const double *w, double b)
{
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double r = b - y[i];
        for (int j = 0; j < d; j++)
            r += w[j] * X[(long)i * d + j];
        sum += r * r;
    }
    return sum / (2.0 * n);
}

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *g = calloc((size_t)d, sizeof(double));
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        for (int s = 0; s < n; s += batch) {
            int m = n - s < batch ? n - s : batch;
            double gb = 0;
            for (int j = 0; j < d; j++)
                g[j] = 0;
            for (int t = 0; t < m; t++) {
                int i = order[(long)e * n + s + t];
                double r = *b - y[i];
                for (int j = 0; j < d; j++)
                    r += w[j] * X[(long)i * d + j];
                for (int j = 0; j < d; j++)
                    g[j] += r * X[(long)i * d + j];
                gb += r;
            }
            for (int j = 0; j < d; j++)
                w[j] -= lr * g[j] / m;
            *b -= lr * gb / m;
            loss[e] = loss_of(X, y, n, d, w, *b);    /* every batch: wasted */
        }
    }
    free(g);
}
