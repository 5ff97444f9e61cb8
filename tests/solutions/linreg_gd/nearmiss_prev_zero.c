/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: plain loops, right in every step but the start of the stop
 * test: the previous loss is kept in a variable that starts at 0, and the
 * test runs from t = 0.  A first loss larger than tol never stops there, so
 * it agrees with the statement's "t > 0" -- until tol is larger than the
 * first loss itself, and training stops after one loss instead of two. */
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
    double prev = 0.0;    /* the previous loss */
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
        if (fabs(prev - loss[t]) < tol)
            break;
        prev = loss[t];
        for (int j = 0; j < d; j++)
            w[j] -= lr * gw[j] / n;
        *b -= lr * gb / n;
    }
    free(gw);
    return written;
}
