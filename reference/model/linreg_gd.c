/* Model answer: linear regression by batch gradient descent. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    double *r = malloc(sizeof *r * ((size_t)n + d));    /* residuals, then dL/dw */
    if (!r) return 0;    /* out of memory */
    double *grad = r + n;
    for (int j = 0; j < d; j++)
        w[j] = 0;    /* the caller's buffers may hold garbage */
    *b = 0;
    /* the gradient is a mean over the samples, like the loss */
#if MISTAKE(missing_mean)
    double inv_n = 1;
#else
    double inv_n = 1.0 / n;
#endif
    int t;
    for (t = 0; t < max_iter; t++) {
        /* r = X w + b - y */
        for (int i = 0; i < n; i++)
            r[i] = *b - y[i];
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1, X, d, w, 1, 1, r, 1);
        loss[t] = cblas_ddot(n, r, 1, r, 1) / (2.0 * n);
#if !MISTAKE(ignores_tol)
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;    /* loss[t] was written */
            break;
        }
#endif
        /* dL/dw = (1/n) X^T r, dL/db = mean(r) */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, inv_n, X, d, r, 1, 0, grad, 1);
        double grad_b = 0;
        for (int i = 0; i < n; i++)
            grad_b += r[i];
        grad_b *= inv_n;
#if MISTAKE(gradient_ascent)
        cblas_daxpy(d, lr, grad, 1, w, 1);
        *b += lr * grad_b;
#else
        cblas_daxpy(d, -lr, grad, 1, w, 1);    /* w -= lr * dL/dw */
        *b -= lr * grad_b;
#endif
    }
    free(r);
    return t;
}
