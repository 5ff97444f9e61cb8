/* Reference: linear regression by batch gradient descent.
 *
 *   L(w, b) = (1/(2n)) * ||X w + b - y||^2
 *   dL/dw   = (1/n) X^T r,   dL/db = mean(r),   r = X w + b - y
 *
 * For t = 0, 1, ...: loss[t] = L(w, b); stop (returning t + 1) if t > 0 and
 * |loss[t-1] - loss[t]| < tol; otherwise take one step.  When max_iter
 * losses have been written the function returns max_iter, after max_iter
 * updates.  w and b are zeroed here (the caller's buffers may hold garbage).
 *
 * Per step: one dgemv for the residual, one dgemv that applies the gradient
 * to w in place (w <- w - (lr/n) X^T r), and O(n) scalar work.  The only
 * allocation is the residual vector.  Returns 0 on invalid sizes or when the
 * residual buffer cannot be allocated. */
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

        /* w -= lr * (1/n) X^T r;  b -= lr * mean(r) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, -lr * inv_n, X, d, r, 1,
                    1.0, w, 1);
        bias -= lr * (sr * inv_n);
    }
    *b = bias;
    free(r);
    return t;
}
