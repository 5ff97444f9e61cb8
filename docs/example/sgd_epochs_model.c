/* Model answer for sgd_epochs: what a strong candidate writes, with the
 * classic mistakes as sites. */
#include <stdlib.h>

/* L = (1/(2n)) sum_i (x_i . w + b - y_i)^2 over every row */
static double full_loss(const double *X, const double *y, int n, int d, const double *w,
                        double b)
{
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double r = b - y[i];
        for (int j = 0; j < d; j++)
            r += X[(long)i * d + j] * w[j];
        sum += r * r;
    }
    return sum / (2.0 * n);
}

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *gw = malloc(sizeof(double) * (size_t)d);
    for (int j = 0; j < d; j++)
        w[j] = 0;
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        for (int s = 0; s < n; s += batch) {
#if MISTAKE(drops_last_batch)
            if (s + batch > n)
                break;
#endif
            int m = n - s < batch ? n - s : batch;
            double gb = 0;
            for (int j = 0; j < d; j++)
                gw[j] = 0;
            for (int t = 0; t < m; t++) {
#if MISTAKE(ignores_order)
                int i = s + t;
#else
                int i = order[(long)e * n + s + t];    /* this epoch's order */
#endif
                const double *x = X + (long)i * d;
                double r = *b - y[i];
                for (int j = 0; j < d; j++)
                    r += x[j] * w[j];
                for (int j = 0; j < d; j++)
                    gw[j] += r * x[j];
                gb += r;
            }
#if MISTAKE(sum_gradient)
            double step = lr;
#else
            double step = lr / m;    /* the mean over the batch */
#endif
            for (int j = 0; j < d; j++)
                w[j] -= step * gw[j];
            *b -= step * gb;
        }
        loss[e] = full_loss(X, y, n, d, w, *b);
    }
    free(gw);
}
