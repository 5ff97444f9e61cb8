/* expect: status=graded passed=no correctness=fail mistake=missing_mean */
/* The gradient is summed over the samples but never divided by n, so every
 * step is n times too long (the loss itself is the mean, as asked). */
#include <math.h>
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    double *dw = malloc(sizeof(double) * d);
    if (!dw)
        return 0;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    int count = 0;
    for (int t = 0; t < max_iter; t++) {
        double l = 0.0, db = 0.0;
        for (int j = 0; j < d; j++)
            dw[j] = 0.0;
        for (int i = 0; i < n; i++) {
            double r = *b - y[i];
            for (int j = 0; j < d; j++)
                r += X[i * d + j] * w[j];
            l += r * r;
            db += r;
            for (int j = 0; j < d; j++)
                dw[j] += r * X[i * d + j];
        }
        loss[count++] = l / (2.0 * n);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol)
            break;
        for (int j = 0; j < d; j++)
            w[j] -= lr * dw[j];          /* forgot / n */
        *b -= lr * db;
    }
    free(dw);
    return count;
}
