/* expect: status=graded passed=no correctness=fail convergence=fail */
/* Sums the squared residuals in a float "to save memory".  A float keeps
 * about seven digits, so consecutive losses look equal (or even go up)
 * too early: the tol test stops training at the wrong step, and w and b
 * come out slightly off. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    memset(w, 0, sizeof(double) * (size_t)d);
    *b = 0;
    double *r = malloc(sizeof(double) * (size_t)n);
    double *g = malloc(sizeof(double) * (size_t)d);
    int t;
    for (t = 0; t < max_iter; t++) {
        float ss = 0;
        double sr = 0;
        for (int i = 0; i < n; i++) {
            double p = *b;
            for (int j = 0; j < d; j++)
                p += X[i * d + j] * w[j];
            r[i] = p - y[i];
            ss += (float)(r[i] * r[i]);
            sr += r[i];
        }
        loss[t] = ss / (2.0 * n);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++) {
            g[j] = 0;
            for (int i = 0; i < n; i++)
                g[j] += X[i * d + j] * r[i];
            w[j] -= lr * g[j] / n;
        }
        *b -= lr * sr / n;
    }
    free(r);
    free(g);
    return t;
}
