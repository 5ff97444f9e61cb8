/* Model answer: median imputation, standardisation and one-hot encoding
 * learned from the training rows, logistic regression by gradient descent
 * on the resulting features, and precision, recall and F1. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

struct pipeline {
    int d, k;
    double *med, *mu, *sd;    /* per numeric column, from the training rows */
    double *w;                /* d + k weights: numeric features, then indicators */
    double b;
};

void pipeline_free(pipeline *m)
{
    if (m) {
        free(m->med);    /* med, mu and sd are one block */
        free(m->w);
        free(m);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* the median of the observed values of column j (0 if there are none);
 * buf holds n doubles */
static double median(const double *X, int n, int d, int j, double *buf)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(X[i * d + j]))    /* NaN must never reach the comparison */
            buf[m++] = X[i * d + j];
    if (m == 0)
        return 0;    /* nothing observed */
#if MISTAKE(mean_imputation)
    double s = 0;
    for (int i = 0; i < m; i++)
        s += buf[i];
    return s / m;
#endif
    qsort(buf, m, sizeof(double), cmp_double);
    return (buf[(m - 1) / 2] + buf[m / 2]) / 2;    /* the two middle ones if m is even */
}

/* m's medians, means and deviations: the statistics of the rows X */
static void learn_stats(pipeline *m, const double *X, int n)
{
    int d = m->d;
    double *med = m->med = malloc(sizeof(double) * 3 * d);
    double *mu = m->mu = med + d, *sd = m->sd = mu + d;
    double *col = malloc(sizeof(double) * n);
    for (int j = 0; j < d; j++) {
        med[j] = median(X, n, d, j, col);
        double s = 0, ss = 0;
        for (int i = 0; i < n; i++) {
            col[i] = isnan(X[i * d + j]) ? med[j] : X[i * d + j];
            s += col[i];
        }
        mu[j] = s / n;
        for (int i = 0; i < n; i++)
            ss += (col[i] - mu[j]) * (col[i] - mu[j]);
#if MISTAKE(sample_std)
        double var = ss / (n - 1);
#else
        double var = ss / n;    /* the population variance */
#endif
        sd[j] = var > 0 ? sqrt(var) : 1;    /* a constant column is only centred */
    }
    free(col);
}

/* the n-by-(d + k) features of the rows X, c under the statistics of m;
 * the caller frees them */
static double *features(const pipeline *m, const double *X, const int *c, int n)
{
    int d = m->d, p = m->d + m->k;
    double *F = malloc(sizeof(double) * n * p);
    for (int i = 0; i < n; i++) {
        double *f = F + i * p;
        for (int j = 0; j < d; j++) {
            double v = isnan(X[i * d + j]) ? m->med[j] : X[i * d + j];
#if MISTAKE(no_scaling)
            f[j] = v;
#else
            f[j] = (v - m->mu[j]) / m->sd[j];
#endif
        }
        /* one indicator per category, not scaled; a code outside 0..k-1
         * sets none */
        for (int q = 0; q < m->k; q++)
#if MISTAKE(no_one_hot)
            f[d + q] = q == 0 ? c[i] : 0;
#else
            f[d + q] = c[i] == q;
#endif
    }
    return F;
}

pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n,
                       int d, int k, double lr, double l2, int max_iter,
                       double tol, double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    int p = d + k;
    pipeline *m = malloc(sizeof *m);
    m->d = d;
    m->k = k;
    learn_stats(m, X, n);    /* from the training rows only */
    m->w = calloc(p, sizeof(double));
    m->b = 0;
    double *F = features(m, X, c, n), *r = malloc(sizeof(double) * n);

    /* logistic regression on F by batch gradient descent from w = 0, b = 0 */
    for (int t = 0; t < max_iter; t++) {
        for (int i = 0; i < n; i++)
            r[i] = m->b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, p, 1, F, p, m->w, 1, 1, r, 1);
        double data = 0, gb = 0;
        for (int i = 0; i < n; i++) {
            double z = r[i];
            /* -[y log p + (1 - y) log(1 - p)] = softplus(z) - y z: finite
             * for any z, where log(p) is -inf once p rounds to 0 */
            data += fmax(z, 0) + log1p(exp(-fabs(z))) - y[i] * z;
            r[i] = 1 / (1 + exp(-z)) - y[i];    /* p - y */
            gb += r[i];
        }
        loss[t] = data / n + l2 / 2 * cblas_ddot(p, m->w, 1, m->w, 1);
        *n_iter = t + 1;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol)
            break;
        /* w -= lr (F^T (p - y) / n + l2 w); the bias is not regularised */
        cblas_dgemv(CblasRowMajor, CblasTrans, n, p, -lr / n, F, p, r, 1, 1 - lr * l2, m->w, 1);
        m->b -= lr * gb / n;
    }
    free(F);
    free(r);
    return m;
}

void pipeline_predict(const pipeline *m, const double *X, const int *c, int n, int *pred)
{
#if MISTAKE(test_statistics)
    pipeline t = *m;
    learn_stats(&t, X, n);
    m = &t;
#endif
    /* the training statistics, kept in m: recomputing them on these rows
     * would leak test data into the model */
    int p = m->d + m->k;
    double *F = features(m, X, c, n), *z = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        z[i] = m->b;
    cblas_dgemv(CblasRowMajor, CblasNoTrans, n, p, 1, F, p, m->w, 1, 1, z, 1);
    for (int i = 0; i < n; i++)
        pred[i] = z[i] >= 0;
    free(F);
    free(z);
#if MISTAKE(test_statistics)
    free(t.med);
#endif
}

void precision_recall_f1(const int *y_true, const int *y_pred, int n, double *prf)
{
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) {
        tp += y_true[i] && y_pred[i];
        fp += !y_true[i] && y_pred[i];
        fn += y_true[i] && !y_pred[i];
    }
#if MISTAKE(zero_division)
    double P = (double)tp / (tp + fp), R = (double)tp / (tp + fn);
    double F1 = 2 * P * R / (P + R);
#else
    /* 0/0 counts as 0: no positive predictions, no positive labels, or
     * P = R = 0 */
    double P = tp + fp > 0 ? (double)tp / (tp + fp) : 0;
    double R = tp + fn > 0 ? (double)tp / (tp + fn) : 0;
    double F1 = P + R > 0 ? 2 * P * R / (P + R) : 0;
#endif
    prf[0] = P;
    prf[1] = R;
    prf[2] = F1;
}
