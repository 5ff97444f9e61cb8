/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: plain loops, right in every step but the stop test, written
 * |loss[t-1] - loss[t]| <= tol.  With tol > 0 a change exactly equal to
 * tol never happens; with tol = 0 and a loss that does not change at all
 * (the data already at the minimum), it stops at t = 1 where the statement
 * runs all max_iter steps. */
#include <math.h>
#include <stdlib.h>

static double predict_one(const double *x, const double *w, double b, int d)
{
    double s = b;
    for (int j = 0; j < d; j++)
        s += x[j] * w[j];
    return s;
}

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    double *gw = malloc(sizeof(double) * d);
    if (!gw)
        return 0;

    int written = 0;
    for (int t = 0; t < max_iter; t++) {
        for (int j = 0; j < d; j++)
            gw[j] = 0.0;
        double gb = 0.0, sse = 0.0;
        for (int i = 0; i < n; i++) {
            const double *x = X + (long)i * d;
            double r = predict_one(x, w, *b, d) - y[i];
            sse += r * r;
            gb += r;
            for (int j = 0; j < d; j++)
                gw[j] += r * x[j];
        }
        loss[t] = sse / (2.0 * n);
        written = t + 1;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) <= tol)
            break;
        for (int j = 0; j < d; j++)
            w[j] -= lr * gw[j] / n;
        *b -= lr * gb / n;
    }
    free(gw);
    return written;
}
