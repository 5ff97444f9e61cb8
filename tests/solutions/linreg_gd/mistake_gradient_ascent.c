/* expect: status=graded passed=no correctness=fail mistake=gradient_ascent */
/* Sign slip in the update: w += lr * grad.  The loss goes up every step. */
#include <math.h>
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    double *err = malloc(sizeof(double) * n);
    if (!err)
        return 0;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    int it;
    for (it = 0; it < max_iter; it++) {
        double cost = 0.0, db = 0.0;
        for (int i = 0; i < n; i++) {
            double pred = *b;
            for (int j = 0; j < d; j++)
                pred += X[i * d + j] * w[j];
            err[i] = pred - y[i];
            cost += err[i] * err[i];
            db += err[i];
        }
        loss[it] = cost / (2 * n);
        if (it > 0 && fabs(loss[it] - loss[it - 1]) < tol) {
            free(err);
            return it + 1;
        }
        for (int j = 0; j < d; j++) {
            double g = 0.0;
            for (int i = 0; i < n; i++)
                g += err[i] * X[i * d + j];
            w[j] += lr * g / n;          /* should be -= */
        }
        *b += lr * db / n;               /* should be -= */
    }
    free(err);
    return max_iter;
}
