/* Reference: binary logistic regression by batch gradient descent.
 *
 *   z = X w + b,  p = sigmoid(z)
 *   L = (1/n) sum_i [softplus(z_i) - y_i z_i] + (l2/2) ||w||^2
 *     (= -(1/n) sum_i [y_i log p_i + (1-y_i) log(1-p_i)] + (l2/2)||w||^2,
 *      softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|), which never
 *      overflows and never takes log(0))
 *   dL/dw = (1/n) X^T (p - y) + l2 w,   dL/db = mean(p - y)  (bias not
 *   regularised)
 *
 * Same loop as linreg_gd: loss[t] at the current parameters, stop if t > 0
 * and |loss[t-1] - loss[t]| < tol, else step; *n_iter = losses written.
 * Returns NULL, writing nothing, for invalid arguments: NULL arrays, n < 1,
 * d < 1, max_iter < 1, lr <= 0, l2 < 0, tol < 0 (or NaN for any of these)
 * or a label other than 0/1, and when memory runs out. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct logreg {
    int d;
    double b;
    double w[];
};

/* sigmoid without overflow: exp is only ever taken of a non-positive number */
static double sigmoid(double z)
{
    if (z >= 0.0)
        return 1.0 / (1.0 + exp(-z));
    const double e = exp(z);
    return e / (1.0 + e);
}


logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n < 1 || d < 1 || max_iter < 1 ||
        !(lr > 0.0) || !(l2 >= 0.0) || !(tol >= 0.0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;

    logreg *m = malloc(sizeof *m + (size_t)d * sizeof(double));
    double *r = malloc((size_t)n * sizeof *r);
    if (!m || !r) {
        free(m);
        free(r);
        return NULL;
    }
    m->d = d;
    double *w = m->w;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;

    const double inv_n = 1.0 / n;
    double b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        /* z = X w + b */
        for (int i = 0; i < n; i++)
            r[i] = b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, w, 1,
                    1.0, r, 1);

        /* loss, and r <- p - y */
        double data = 0.0, sr = 0.0;
        for (int i = 0; i < n; i++) {
            /* one exp serves both softplus(z) and sigmoid(z) */
            const double z = r[i];
            const double e = exp(-fabs(z));
            const double p = z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            data += (z > 0.0 ? z : 0.0) + log1p(e) - (y[i] ? z : 0.0);
            r[i] = p - (double)y[i];
            sr += r[i];
        }
        const double ww = cblas_ddot(d, w, 1, w, 1);
        loss[t] = data * inv_n + 0.5 * l2 * ww;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }

        /* w <- w - lr * ((1/n) X^T r + l2 w);  b <- b - lr * mean(r) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, -lr * inv_n, X, d, r, 1,
                    1.0 - lr * l2, w, 1);
        b -= lr * (sr * inv_n);
    }
    m->b = b;
    *n_iter = t;
    free(r);
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    if (!m || !X || !p || n < 1)
        return;
    for (int i = 0; i < n; i++)
        p[i] = m->b;
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, m->d, 1.0, X, m->d, m->w, 1,
                1.0, p, 1);
    for (int i = 0; i < n; i++)
        p[i] = sigmoid(p[i]);
}

void logreg_free(logreg *m)
{
    free(m);
}
