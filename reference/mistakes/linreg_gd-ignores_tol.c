/* Mistake variant linreg_gd/ignores_tol.
 *
 * tol is never checked: always max_iter steps and max_iter losses, and the
 * function returns max_iter.
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
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
        (void)tol;   /* MISTAKE: no convergence check */

        /* w -= lr * (1/n) X^T r;  b -= lr * mean(r) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, -lr * inv_n, X, d, r, 1,
                    1.0, w, 1);
        bias -= lr * (sr * inv_n);
    }
    *b = bias;
    free(r);
    return t;
}
