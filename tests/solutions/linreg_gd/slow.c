/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct, but the gradient is computed one weight at a time and every
 * weight recomputes every sample's prediction from scratch: O(n d^2) per
 * step instead of O(n d). */
#include <math.h>
#include <stdlib.h>

static double prediction(const double *X, int d, int i, const double *w, double b)
{
    double p = b;
    for (int j = 0; j < d; j++) /* hot */
        p += X[(long)i * d + j] * w[j];
    return p;
}

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    double *grad = malloc(sizeof(double) * d);
    if (!grad)
        return 0;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double l = 0.0;
        for (int i = 0; i < n; i++) {
            double r = prediction(X, d, i, w, *b) - y[i];
            l += r * r;
        }
        loss[t] = l / (2.0 * n);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++) {
            double g = 0.0;
            for (int i = 0; i < n; i++)
                g += (prediction(X, d, i, w, *b) - y[i]) * X[(long)i * d + j];
            grad[j] = g / n;
        }
        double gb = 0.0;
        for (int i = 0; i < n; i++)
            gb += prediction(X, d, i, w, *b) - y[i];
        for (int j = 0; j < d; j++)
            w[j] -= lr * grad[j];
        *b -= lr * gb / n;
    }
    free(grad);
    return t;
}
