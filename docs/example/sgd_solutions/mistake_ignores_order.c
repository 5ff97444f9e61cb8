/* expect: status=graded passed=no correctness=fail mistake=ignores_order */
/* Takes the batches in row order, s, s+1, ...: the order given for each
 * epoch (the shuffle) is never read. */
#include <stdlib.h>

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    (void)order;
    double *g = calloc((size_t)d, sizeof(double));
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        for (int s = 0; s < n; s += batch) {
            int end = s + batch < n ? s + batch : n;
            double gb = 0;
            for (int j = 0; j < d; j++)
                g[j] = 0;
            for (int i = s; i < end; i++) {
                double r = *b - y[i];
                for (int j = 0; j < d; j++)
                    r += w[j] * X[(long)i * d + j];
                for (int j = 0; j < d; j++)
                    g[j] += r * X[(long)i * d + j];
                gb += r;
            }
            for (int j = 0; j < d; j++)
                w[j] -= lr * g[j] / (end - s);
            *b -= lr * gb / (end - s);
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
