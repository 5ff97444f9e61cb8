/* expect: status=graded passed=no organization=fail */
/* Saves the residual buffer by storing the residual in y itself
 * (y[i] <- prediction - y[i]) and "restoring" it afterwards.  Besides
 * writing to a const input, the round trip is not even exact in floating
 * point. */
#include <math.h>
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    double *yy = (double *)y;
    double *pred = malloc(sizeof(double) * n);
    if (!pred)
        return 0;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double l = 0.0, gb = 0.0;
        for (int i = 0; i < n; i++) {
            pred[i] = *b;
            for (int j = 0; j < d; j++)
                pred[i] += X[(long)i * d + j] * w[j];
            yy[i] = pred[i] - yy[i];          /* y now holds the residual */
            l += yy[i] * yy[i];
            gb += yy[i];
        }
        loss[t] = l / (2.0 * n);
        int stop = t > 0 && fabs(loss[t - 1] - loss[t]) < tol;
        if (!stop) {
            for (int j = 0; j < d; j++) {
                double g = 0.0;
                for (int i = 0; i < n; i++)
                    g += yy[i] * X[(long)i * d + j];
                w[j] -= lr * g / n;
            }
            *b -= lr * gb / n;
        }
        for (int i = 0; i < n; i++)
            yy[i] = pred[i] - yy[i];          /* put y back */
        if (stop) {
            t++;
            break;
        }
    }
    free(pred);
    return t;
}
