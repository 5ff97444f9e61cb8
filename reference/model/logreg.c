/* Model answer: binary logistic regression with L2, fit/predict. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double b;
    double w[];    /* d weights */
};

/* exp is only taken of -|z| <= 0, so it never overflows */
static double sigmoid(double z)
{
    double e = exp(-fabs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    logreg *m = calloc(1, sizeof *m + sizeof *m->w * d);    /* w = 0, b = 0 */
    double *r = malloc(sizeof *r * ((size_t)n + d));        /* z, then p - y; dL/dw */
    if (!m || !r) { free(m); free(r); return NULL; }    /* out of memory */
    m->d = d;
    double *w = m->w, *grad = r + n;
    /* the gradient is a mean over the samples, like the loss */
#if MISTAKE(missing_mean)
    double inv_n = 1;
#else
    double inv_n = 1.0 / n;
#endif
    int t;
    for (t = 0; t < max_iter; t++) {
        for (int i = 0; i < n; i++)    /* z = X w + b */
            r[i] = m->b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1, X, d, w, 1, 1, r, 1);
        double data = 0, grad_b = 0;
        for (int i = 0; i < n; i++) {
            double z = r[i], p = sigmoid(z);
#if MISTAKE(log_zero)
            data -= y[i] * log(p) + (1 - y[i]) * log(1 - p);
#else
            /* -[y log p + (1-y) log(1-p)] = softplus(z) - y z, and
             * softplus(z) = max(z, 0) + log1p(e^-|z|) never takes log(0) */
            data += fmax(z, 0) + log1p(exp(-fabs(z))) - y[i] * z;
#endif
            r[i] = p - y[i];
            grad_b += r[i];
        }
        /* the bias is not regularised */
        loss[t] = data / n + 0.5 * l2 * cblas_ddot(d, w, 1, w, 1);
#if MISTAKE(regularised_bias)
        loss[t] += 0.5 * l2 * m->b * m->b;
#endif
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;    /* loss[t] was written */
            break;
        }
        /* dL/dw = (1/n) X^T (p - y) + l2 w,  dL/db = mean(p - y) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, inv_n, X, d, r, 1, 0, grad, 1);
        cblas_daxpy(d, l2, w, 1, grad, 1);
        grad_b *= inv_n;
#if MISTAKE(regularised_bias)
        grad_b += l2 * m->b;
#endif
#if MISTAKE(gradient_ascent)
        cblas_daxpy(d, lr, grad, 1, w, 1);
        m->b += lr * grad_b;
#else
        cblas_daxpy(d, -lr, grad, 1, w, 1);    /* w -= lr * dL/dw */
        m->b -= lr * grad_b;
#endif
    }
    *n_iter = t;
    free(r);
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    for (int i = 0; i < n; i++)
        p[i] = m->b;
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, m->d, 1, X, m->d, m->w, 1, 1, p, 1);
    for (int i = 0; i < n; i++)
        p[i] = sigmoid(p[i]);
}

void logreg_free(logreg *m)
{
    free(m);
}
