/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass convergence=pass organization=pass */
/* The same steps with CBLAS doing the heavy parts: the feature matrix is
 * built once, each descent step is z = F w + b (dgemv) and
 * w <- (1 - lr l2) w - (lr/n) F^T (p - y) (one more dgemv), and predict is
 * one dgemv over the test features.  The loss is in softplus form; the
 * medians come from sorting a copy of each column's observed values. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

struct pipeline {
    int d, k;
    double *stats;      /* median[d], mean[d], 1/sd[d] */
    double *w;
    double b;
};

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double *build(const pipeline *m, const double *X, const int *c, int n)
{
    int d = m->d, P = d + m->k;
    const double *med = m->stats, *mu = med + d, *isd = mu + d;
    double *F = calloc((size_t)n * P, sizeof(double));
    for (int i = 0; i < n; i++) {
        double *f = F + (size_t)i * P;
        for (int j = 0; j < d; j++) {
            double v = X[(size_t)i * d + j];
            f[j] = ((isnan(v) ? med[j] : v) - mu[j]) * isd[j];
        }
        if (c[i] >= 0 && c[i] < m->k)
            f[d + c[i]] = 1.0;
    }
    return F;
}

pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n,
                       int d, int k, double lr, double l2, int max_iter,
                       double tol, double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || !(lr > 0) || !(l2 >= 0) || !(tol >= 0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    pipeline *m = malloc(sizeof *m);
    m->d = d;
    m->k = k;
    m->stats = malloc(sizeof(double) * 3 * d);
    m->w = calloc(d + k, sizeof(double));
    m->b = 0;
    double *med = m->stats, *mu = med + d, *isd = mu + d;
    double *col = malloc(sizeof(double) * n);
    for (int j = 0; j < d; j++) {
        int cnt = 0;
        for (int i = 0; i < n; i++)
            if (!isnan(X[(size_t)i * d + j]))
                col[cnt++] = X[(size_t)i * d + j];
        qsort(col, cnt, sizeof(double), cmp);
        med[j] = cnt == 0 ? 0 : cnt % 2 ? col[cnt / 2] : 0.5 * (col[cnt / 2 - 1] + col[cnt / 2]);
        for (int i = 0; i < n; i++) {
            double v = X[(size_t)i * d + j];
            col[i] = isnan(v) ? med[j] : v;
        }
        double s = 0;
        for (int i = 0; i < n; i++)
            s += col[i];
        mu[j] = s / n;
        double ss = 0;
        for (int i = 0; i < n; i++)
            ss += (col[i] - mu[j]) * (col[i] - mu[j]);
        isd[j] = ss > 0 ? 1 / sqrt(ss / n) : 1;
    }
    free(col);

    int P = d + k;
    double *F = build(m, X, c, n), *r = malloc(sizeof(double) * n);
    int t;
    for (t = 0; t < max_iter; t++) {
        for (int i = 0; i < n; i++)
            r[i] = m->b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, P, 1, F, P, m->w, 1, 1, r, 1);
        double L = 0, g = 0;
        for (int i = 0; i < n; i++) {
            double z = r[i];
            L += fmax(z, 0) + log1p(exp(-fabs(z))) - y[i] * z;
            r[i] = (z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))) - y[i];
            g += r[i];
        }
        loss[t] = L / n + 0.5 * l2 * cblas_ddot(P, m->w, 1, m->w, 1);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        cblas_dgemv(CblasRowMajor, CblasTrans, n, P, -lr / n, F, P, r, 1, 1 - lr * l2, m->w, 1);
        m->b -= lr * g / n;
    }
    *n_iter = t;
    free(F);
    free(r);
    return m;
}

void pipeline_predict(const pipeline *m, const double *X, const int *c, int n, int *pred)
{
    int P = m->d + m->k;
    double *F = build(m, X, c, n), *z = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        z[i] = m->b;
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, P, 1, F, P, m->w, 1, 1, z, 1);
    for (int i = 0; i < n; i++)
        pred[i] = z[i] >= 0;
    free(F);
    free(z);
}

void precision_recall_f1(const int *y_true, const int *y_pred, int n, double *prf)
{
    double tp = 0, pp = 0, ap = 0;     /* true, predicted and actual positives */
    for (int i = 0; i < n; i++) {
        tp += y_true[i] == 1 && y_pred[i] == 1;
        pp += y_pred[i] == 1;
        ap += y_true[i] == 1;
    }
    prf[0] = pp > 0 ? tp / pp : 0;
    prf[1] = ap > 0 ? tp / ap : 0;
    prf[2] = pp + ap > 0 ? 2 * tp / (pp + ap) : 0;
}

void pipeline_free(pipeline *m)
{
    if (m) {
        free(m->stats);
        free(m->w);
    }
    free(m);
}
