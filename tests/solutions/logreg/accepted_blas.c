/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass convergence=pass organization=pass */
/* Vectorised with CBLAS: z = X w + b (dgemv), the loss in log-sum-exp form
 * (softplus(z) - y z, never log(0)), grad = X^T (p - y) / n (dgemv) + l2 w
 * (daxpy), w -= lr * grad (daxpy).  The sigmoid only ever exponentiates
 * -|z|, so it cannot overflow either. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double *w;
    double b;
};

static double stable_sigmoid(double z)
{
    double e = exp(-fabs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n <= 0 || d <= 0 || max_iter <= 0 ||
        lr <= 0 || l2 < 0 || tol < 0 || isnan(lr) || isnan(l2) || isnan(tol))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] > 1)
            return NULL;

    logreg *m = calloc(1, sizeof *m);
    double *z = malloc(sizeof(double) * n);
    double *grad = malloc(sizeof(double) * d);
    double *w = calloc(d, sizeof(double));
    if (!m || !z || !grad || !w) {
        free(m);
        free(z);
        free(grad);
        free(w);
        return NULL;
    }
    double b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        for (int i = 0; i < n; i++)
            z[i] = b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, w, 1, 1.0, z, 1);
        double nll = 0.0, gb = 0.0;
        for (int i = 0; i < n; i++) {
            nll += fmax(z[i], 0.0) + log1p(exp(-fabs(z[i]))) - y[i] * z[i];
            z[i] = stable_sigmoid(z[i]) - y[i];     /* z now holds p - y */
            gb += z[i];
        }
        loss[t] = nll / n + 0.5 * l2 * cblas_ddot(d, w, 1, w, 1);
        if (t > 0 && fabs(loss[t] - loss[t - 1]) < tol) {
            t++;
            break;
        }
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0 / n, X, d, z, 1, 0.0, grad, 1);
        cblas_daxpy(d, l2, w, 1, grad, 1);
        cblas_daxpy(d, -lr, grad, 1, w, 1);
        b -= lr * gb / n;
    }
    *n_iter = t;
    m->d = d;
    m->w = w;
    m->b = b;
    free(z);
    free(grad);
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    for (int i = 0; i < n; i++)
        p[i] = m->b;
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, m->d, 1.0, X, m->d, m->w, 1, 1.0, p, 1);
    for (int i = 0; i < n; i++)
        p[i] = stable_sigmoid(p[i]);
}

void logreg_free(logreg *m)
{
    if (m) {
        free(m->w);
        free(m);
    }
}
