/* Mistake variant linreg_gd/missing_mean.
 *
 * The gradient is the sum over the samples, not the mean:
 *   dL/dw = X^T r,  dL/db = sum(r)   (no 1/n)
 * while the reported loss is still (1/(2n)) ||r||^2.  The effective step is
 * n times too large: it diverges unless lr is tiny.
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    if (d >= 1 && w)
        for (int j = 0; j < d; j++)
            w[j] = 0.0;
    if (b)
        *b = 0.0;
    if (!X || !y || !w || !b || !loss || n < 1 || d < 1 || max_iter < 1)
        return 0;

    double *r = malloc((size_t)n * sizeof *r);
    if (!r)
        return 0;

    const double inv_n = 1.0 / n;
    double bias = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        /* r = X w + b - y */
        for (int i = 0; i < n; i++)
            r[i] = bias - y[i];
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, w, 1,
                    1.0, r, 1);

        double sr = 0.0, ss = 0.0;
        for (int i = 0; i < n; i++) {
            sr += r[i];
            ss += r[i] * r[i];
        }
        loss[t] = 0.5 * ss * inv_n;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }

        /* MISTAKE: w -= lr * X^T r;  b -= lr * sum(r) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, -lr, X, d, r, 1,
                    1.0, w, 1);
        bias -= lr * sr;
    }
    *b = bias;
    free(r);
    return t;
}
