/* expect: status=graded correctness=pass stability=pass organization=fail */
/* Correct, but the residual buffer is a static pointer grown with realloc and
 * kept between calls "to save allocations": writable global state, never
 * freed. */
#include <math.h>
#include <stdlib.h>

static double *resid;
static int resid_cap;

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    if (n > resid_cap) {
        double *p = realloc(resid, sizeof(double) * n);
        if (!p)
            return 0;
        resid = p;
        resid_cap = n;
    }
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double l = 0.0, gb = 0.0;
        for (int i = 0; i < n; i++) {
            double r = *b - y[i];
            for (int j = 0; j < d; j++)
                r += X[(long)i * d + j] * w[j];
            resid[i] = r;
            l += r * r;
            gb += r;
        }
        loss[t] = l / (2.0 * n);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol)
            return t + 1;
        for (int j = 0; j < d; j++) {
            double g = 0.0;
            for (int i = 0; i < n; i++)
                g += resid[i] * X[(long)i * d + j];
            w[j] -= lr * g / n;
        }
        *b -= lr * gb / n;
    }
    return t;
}
