/* expect: status=graded passed=no correctness=pass stability=fail mistake=none */
/* Near miss: the loss uses softplus written log(1 + exp(z)), which overflows
 * to inf once a score passes 709 even where the point is classified right
 * ("scores past 709 in the loss"); the statement asks for a loss that stays
 * finite (softplus or clipping). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
typedef struct pipeline { int d, k; double *med, *mu, *sd, *w; double b; } pipeline;
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static void features(const pipeline *m, const double *X, const int *c, int i, double *f) {
    int d = m->d, k = m->k;
    for (int j = 0; j < d; j++) {
        double x = X[(size_t)i*d+j];
        if (isnan(x)) x = m->med[j];
        x -= m->mu[j];
        f[j] = m->sd[j] > 0 ? x / m->sd[j] : x;
    }
    for (int q = 0; q < k; q++) f[d+q] = 0;
    if (c[i] >= 0 && c[i] < k) f[d+c[i]] = 1;
}
static double sig(double z) { return z >= 0 ? 1/(1+exp(-z)) : exp(z)/(1+exp(z)); }
pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n, int d, int k, double lr,
                       double l2, int max_iter, double tol, double *loss, int *n_iter) {
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0) return NULL;
    for (int i = 0; i < n; i++) if (y[i] != 0 && y[i] != 1) return NULL;
    pipeline *m = calloc(1, sizeof *m);
    m->d = d; m->k = k; int p = d + k;
    m->med = calloc(d, sizeof(double)); m->mu = calloc(d, sizeof(double)); m->sd = calloc(d, sizeof(double));
    m->w = calloc(p, sizeof(double));
    double *col = malloc(sizeof(double)*n);
    for (int j = 0; j < d; j++) {
        int cnt = 0;
        for (int i = 0; i < n; i++) { double x = X[(size_t)i*d+j]; if (!isnan(x)) col[cnt++] = x; }
        qsort(col, cnt, sizeof(double), cmp);
        m->med[j] = cnt == 0 ? 0 : cnt % 2 ? col[cnt/2] : (col[cnt/2-1] + col[cnt/2]) / 2;
        double s = 0, q = 0;
        for (int i = 0; i < n; i++) { double x = X[(size_t)i*d+j]; if (isnan(x)) x = m->med[j]; s += x; }
        m->mu[j] = s / n;
        for (int i = 0; i < n; i++) { double x = X[(size_t)i*d+j]; if (isnan(x)) x = m->med[j]; q += (x - m->mu[j])*(x - m->mu[j]); }
        m->sd[j] = sqrt(q / n);
    }
    free(col);
    double *F = malloc(sizeof(double)*(size_t)n*p), *z = malloc(sizeof(double)*n), *g = malloc(sizeof(double)*p);
    for (int i = 0; i < n; i++) features(m, X, c, i, F + (size_t)i*p);
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0, ww = 0;
        for (int i = 0; i < n; i++) {
            double s = m->b;
            for (int j = 0; j < p; j++) s += F[(size_t)i*p+j]*m->w[j];
            z[i] = s;
            double sp = log(1 + exp(s));
            L += sp - y[i]*s;
        }
        for (int j = 0; j < p; j++) ww += m->w[j]*m->w[j];
        loss[t] = L/n + l2/2*ww;
        if (t > 0 && fabs(loss[t-1]-loss[t]) < tol) { t++; break; }
        double gb = 0; memset(g, 0, sizeof(double)*p);
        for (int i = 0; i < n; i++) { double r = sig(z[i]) - y[i]; gb += r; for (int j = 0; j < p; j++) g[j] += F[(size_t)i*p+j]*r; }
        for (int j = 0; j < p; j++) m->w[j] -= lr*(g[j]/n + l2*m->w[j]);
        m->b -= lr*gb/n;
    }
    *n_iter = t;
    free(F); free(z); free(g);
    return m;
}
void pipeline_predict(const pipeline *m, const double *X, const int *c, int n, int *pred) {
    double *f = malloc(sizeof(double)*(m->d + m->k));
    for (int i = 0; i < n; i++) {
        features(m, X, c, i, f);
        double s = m->b;
        for (int j = 0; j < m->d + m->k; j++) s += f[j]*m->w[j];
        pred[i] = s >= 0;
    }
    free(f);
}
void precision_recall_f1(const int *yt, const int *yp, int n, double *prf) {
    int tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < n; i++) { tp += yt[i] && yp[i]; fp += !yt[i] && yp[i]; fn += yt[i] && !yp[i]; }
    double P = tp + fp ? (double)tp/(tp+fp) : 0, R = tp + fn ? (double)tp/(tp+fn) : 0;
    prf[0] = P; prf[1] = R;
    prf[2] = P + R > 0 ? 2*P*R/(P+R) : 0;
}
void pipeline_free(pipeline *m) { if (!m) return; free(m->med); free(m->mu); free(m->sd); free(m->w); free(m); }
