/* Reference: an end-to-end mini pipeline — impute, encode, scale, fit,
 * predict, score.
 *
 * pipeline_fit(X, c, y, n, d, k, ...): X is n x d numeric with NaN for
 * missing values, c[i] the category of row i (0..k-1; anything else means
 * "none of them"), y[i] in {0, 1}.  Learned from these training rows only:
 *   med_j  = median of the non-missing values of column j (mean of the two
 *            middle ones for an even count; 0 when the column is all NaN);
 *            a missing x_ij becomes med_j;
 *   mu_j, s_j = mean and population standard deviation of the imputed
 *            column; the feature is (x_ij - mu_j) / s_j (s_j = 0: / 1);
 *   k indicator features [c_i == 0], ..., [c_i == k-1] (not scaled);
 *   logistic regression on these d + k features exactly as in `logreg`:
 *     L = (1/n) sum_i [softplus(z_i) - y_i z_i] + (l2/2) ||w||^2,
 *     z = F w + b, bias not regularised, batch gradient descent from zeros,
 *     loss[t] at the current parameters, stop when t > 0 and
 *     |loss[t-1] - loss[t]| < tol, at most max_iter losses, *n_iter = count.
 * NULL, writing nothing, for invalid arguments: n < 1, d < 1, k < 1,
 * max_iter < 1, lr <= 0, l2 < 0, tol < 0, or a label other than 0/1.
 *
 * pipeline_predict applies the same medians, means, deviations and
 * categories to new rows and writes pred = 1 when z >= 0 (p >= 0.5).
 * precision_recall_f1 writes TP/(TP+FP), TP/(TP+FN) and their harmonic
 * mean, each 0 when its denominator is 0.
 *
 * Medians by quickselect (O(n) per column), the feature matrix built once,
 * and the descent on it with two dgemv per step, as in `logreg`. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct pipeline {
    int d, k;            /* numeric columns, categories */
    double *med;         /* d training medians */
    double *mu;          /* d means of the imputed columns */
    double *inv;         /* d values 1/s_j (1 for a constant column) */
    double *w;           /* d + k weights: numeric first, then indicators */
    double b;
};

void pipeline_free(pipeline *m)
{
    if (!m)
        return;
    free(m->med);        /* med, mu, inv and w are one block */
    free(m);
}

static void swap(double *a, double *b)
{
    const double t = *a;
    *a = *b;
    *b = t;
}

/* The element of rank r (0-based) of v[0..m), reordering v: everything
 * before position r ends up <= it.  No NaN in v. */
static double select_rank(double *v, int m, int r)
{
    int lo = 0, hi = m - 1;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swap(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swap(&v[hi], &v[mid]);
        const double p = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p)
                i++;
            while (p < v[j])
                j--;
            if (i <= j)
                swap(&v[i++], &v[j--]);
        }
        if (r <= j)
            hi = j;
        else if (r >= i)
            lo = i;
        else
            break;
    }
    return v[r];
}

/* Median of the non-NaN values of column j; buf holds n doubles. */
static double column_median(const double *X, int n, int d, int j, double *buf)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        const double x = X[(size_t)i * d + j];
        if (!isnan(x))
            buf[m++] = x;
    }
    if (m == 0)
        return 0.0;
    const int h = (m - 1) / 2;
    const double lo = select_rank(buf, m, h);
    if (m % 2)
        return lo;
    double hi = buf[h + 1];          /* the smallest of the upper part */
    for (int i = h + 2; i < m; i++)
        if (buf[i] < hi)
            hi = buf[i];
    return 0.5 * (lo + hi);
}

/* The imputation and scaling statistics of the rows X (n x d): medians,
 * then mean and 1/deviation of each imputed column (two passes); buf holds
 * n scratch doubles. */
static void learn_scaling(const double *X, int n, int d, double *med,
                          double *mu, double *inv, double *buf)
{
    for (int j = 0; j < d; j++)
        med[j] = column_median(X, n, d, j, buf);
    for (int j = 0; j < d; j++) {
        mu[j] = 0.0;
        inv[j] = 0.0;
    }
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            mu[j] += isnan(x[j]) ? med[j] : x[j];
    }
    for (int j = 0; j < d; j++)
        mu[j] /= n;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++) {
            const double e = (isnan(x[j]) ? med[j] : x[j]) - mu[j];
            inv[j] += e * e;
        }
    }
    for (int j = 0; j < d; j++) {
        const double sd = sqrt(inv[j] / n);
        inv[j] = sd > 0.0 ? 1.0 / sd : 1.0;
    }
}

/* F (n x (d+k)) = the features of rows X, c under model m. */
static void features(const pipeline *m, const double *X, const int *c, int n,
                     double *F)
{
    const int d = m->d, p = m->d + m->k;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        double *f = F + (size_t)i * p;
        for (int j = 0; j < d; j++) {
            const double v = isnan(x[j]) ? m->med[j] : x[j];
            f[j] = (v - m->mu[j]) * m->inv[j];
        }
        for (int q = 0; q < m->k; q++)
            f[d + q] = 0.0;
        if (c[i] >= 0 && c[i] < m->k)
            f[d + c[i]] = 1.0;
    }
}

pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n,
                       int d, int k, double lr, double l2, int max_iter,
                       double tol, double *loss, int *n_iter)
{
    if (!X || !c || !y || !loss || !n_iter || n < 1 || d < 1 || k < 1 ||
        max_iter < 1 || !(lr > 0.0) || !(l2 >= 0.0) || !(tol >= 0.0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;

    const int p = d + k;
    pipeline *m = malloc(sizeof *m);
    double *block = malloc((3 * (size_t)d + (size_t)p) * sizeof *block);
    double *F = malloc((size_t)n * p * sizeof *F);
    double *r = malloc((size_t)n * sizeof *r);
    if (!m || !block || !F || !r) {
        free(m);
        free(block);
        free(F);
        free(r);
        return NULL;
    }
    m->d = d;
    m->k = k;
    m->med = block;
    m->mu = block + d;
    m->inv = block + 2 * (size_t)d;
    m->w = block + 3 * (size_t)d;

    /* statistics of the training rows (r is scratch), then the features */
    learn_scaling(X, n, d, m->med, m->mu, m->inv, r);
    features(m, X, c, n, F);

    /* logistic regression on F, as in logreg */
    double *w = m->w;
    for (int j = 0; j < p; j++)
        w[j] = 0.0;
    const double inv_n = 1.0 / n;
    double b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        for (int i = 0; i < n; i++)
            r[i] = b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, p, 1.0, F, p, w, 1, 1.0, r, 1);
        double data = 0.0, sr = 0.0;
        for (int i = 0; i < n; i++) {
            const double z = r[i];
            const double e = exp(-fabs(z));
            const double pr = z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            data += (z > 0.0 ? z : 0.0) + log1p(e) - (y[i] ? z : 0.0);
            r[i] = pr - (double)y[i];
            sr += r[i];
        }
        loss[t] = data * inv_n + 0.5 * l2 * cblas_ddot(p, w, 1, w, 1);
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        cblas_dgemv(CblasRowMajor, CblasTrans, n, p, -lr * inv_n, F, p, r, 1,
                    1.0 - lr * l2, w, 1);
        b -= lr * (sr * inv_n);
    }
    m->b = b;
    *n_iter = t;
    free(F);
    free(r);
    return m;
}

void pipeline_predict(const pipeline *m, const double *X, const int *c, int n,
                      int *pred)
{
    if (!m || !X || !c || !pred || n < 1)
        return;
    const int p = m->d + m->k;
    double *F = malloc((size_t)n * p * sizeof *F);
    double *z = malloc((size_t)n * sizeof *z);
    if (F && z) {
        features(m, X, c, n, F);
        for (int i = 0; i < n; i++)
            z[i] = m->b;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, p, 1.0, F, p, m->w, 1, 1.0, z, 1);
        for (int i = 0; i < n; i++)
            pred[i] = z[i] >= 0.0;
    }
    free(F);
    free(z);
}

void precision_recall_f1(const int *y_true, const int *y_pred, int n,
                         double *prf)
{
    if (!y_true || !y_pred || !prf)
        return;
    long long tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) {
        const int t = y_true[i] == 1, q = y_pred[i] == 1;
        tp += t && q;
        fp += !t && q;
        fn += t && !q;
    }
    const double prec = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0.0;
    const double rec = tp + fn > 0 ? (double)tp / (double)(tp + fn) : 0.0;
    prf[0] = prec;
    prf[1] = rec;
    prf[2] = prec + rec > 0.0 ? 2.0 * prec * rec / (prec + rec) : 0.0;
}
