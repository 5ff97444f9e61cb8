/* expect: status=graded passed=no stability=fail mistake=zero_division */
/* Everything right up to the metrics, which divide straight away: with no
 * positive predictions (or no positive labels) that is 0/0 = NaN. */
#include <math.h>
#include <stdlib.h>

struct pipeline {
    int d, k;
    double *med, *mu, *sd, *w;
    double b;
};

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *X, int n, int d, int j)
{
    double *v = malloc(sizeof(double) * n);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(X[i * d + j]))
            v[m++] = X[i * d + j];
    double r = 0;
    if (m > 0) {
        qsort(v, m, sizeof(double), cmpd);
        r = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
    }
    free(v);
    return r;
}

/* medians, means and population deviations of the imputed columns */
static void stats(const double *X, int n, int d, double *med, double *mu, double *sd)
{
    for (int j = 0; j < d; j++) {
        med[j] = median(X, n, d, j);
        double s = 0, ss = 0;
        for (int i = 0; i < n; i++)
            s += isnan(X[i * d + j]) ? med[j] : X[i * d + j];
        mu[j] = s / n;
        for (int i = 0; i < n; i++) {
            double e = (isnan(X[i * d + j]) ? med[j] : X[i * d + j]) - mu[j];
            ss += e * e;
        }
        sd[j] = sqrt(ss / n);
    }
}

static void featurize(const pipeline *p, const double *x, int c, double *f)
{
    for (int j = 0; j < p->d; j++) {
        double v = isnan(x[j]) ? p->med[j] : x[j];
        f[j] = p->sd[j] > 0 ? (v - p->mu[j]) / p->sd[j] : v - p->mu[j];
    }
    for (int q = 0; q < p->k; q++)
        f[p->d + q] = c == q ? 1 : 0;
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
    int P = d + k;
    pipeline *p = malloc(sizeof *p);
    p->d = d;
    p->k = k;
    p->med = malloc(sizeof(double) * d);
    p->mu = malloc(sizeof(double) * d);
    p->sd = malloc(sizeof(double) * d);
    p->w = calloc(P, sizeof(double));
    p->b = 0;
    stats(X, n, d, p->med, p->mu, p->sd);

    double *F = malloc(sizeof(double) * n * P), *g = malloc(sizeof(double) * P);
    for (int i = 0; i < n; i++)
        featurize(p, X + i * d, c[i], F + i * P);
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0, gb = 0, ww = 0;
        for (int j = 0; j < P; j++)
            g[j] = 0;
        for (int i = 0; i < n; i++) {
            double z = p->b;
            for (int j = 0; j < P; j++)
                z += F[i * P + j] * p->w[j];
            L += fmax(z, 0) + log1p(exp(-fabs(z))) - y[i] * z;
            double e = 1 / (1 + exp(-z)) - y[i];
            gb += e;
            for (int j = 0; j < P; j++)
                g[j] += e * F[i * P + j];
        }
        for (int j = 0; j < P; j++)
            ww += p->w[j] * p->w[j];
        loss[t] = L / n + l2 / 2 * ww;
        if (t > 0 && fabs(loss[t] - loss[t - 1]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < P; j++)
            p->w[j] -= lr * (g[j] / n + l2 * p->w[j]);
        p->b -= lr * gb / n;
    }
    *n_iter = t;
    free(F);
    free(g);
    return p;
}

void pipeline_predict(const pipeline *p, const double *X, const int *c, int n, int *pred)
{
    int P = p->d + p->k;
    double *f = malloc(sizeof(double) * P);
    for (int i = 0; i < n; i++) {
        featurize(p, X + i * p->d, c[i], f);
        double z = p->b;
        for (int j = 0; j < P; j++)
            z += f[j] * p->w[j];
        pred[i] = z >= 0;
    }
    free(f);
}

void precision_recall_f1(const int *y_true, const int *y_pred, int n, double *prf)
{
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) {
        tp += y_true[i] && y_pred[i];
        fp += !y_true[i] && y_pred[i];
        fn += y_true[i] && !y_pred[i];
    }
    double P = (double)tp / (tp + fp);
    double R = (double)tp / (tp + fn);
    prf[0] = P;
    prf[1] = R;
    prf[2] = 2 * P * R / (P + R);
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    free(p->med);
    free(p->mu);
    free(p->sd);
    free(p->w);
    free(p);
}
