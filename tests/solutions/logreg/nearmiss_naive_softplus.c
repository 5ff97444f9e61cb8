/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: softplus written log(1 + exp(z)), which overflows to inf once
 * a score passes 709 even where the point is classified right, so the loss
 * is not finite ("scores past 709 in the loss"); the statement asks for a
 * loss that stays finite when p reaches exactly 0 or 1. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
typedef struct logreg { int d; double b; double *w; } logreg;
static double sig(double z) { return z >= 0 ? 1/(1+exp(-z)) : exp(z)/(1+exp(z)); }
static double softplus(double z) {
    return log(1+exp(z));
}
logreg *logreg_fit(const double *X, const int *y, int n, int d, double lr,
                   double l2, int max_iter, double tol, double *loss, int *n_iter) {
    if (n < 1 || d < 1 || max_iter < 1 || l2 < 0) return NULL;
    if (lr <= 0) return NULL;
    if (tol < 0) return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1) return NULL;
    logreg *m = malloc(sizeof *m);
    if (!m) return NULL;
    m->w = calloc(d, sizeof(double)); m->d = d; m->b = 0;
    double *z = malloc(sizeof(double)*n), *g = malloc(sizeof(double)*d);
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0, ww = 0;
        for (int i = 0; i < n; i++) {
            double s = m->b;
            for (int j = 0; j < d; j++) s += X[(size_t)i*d+j]*m->w[j];
            z[i] = s;
            L += softplus(s) - y[i]*s;
        }
        for (int j = 0; j < d; j++) ww += m->w[j]*m->w[j];
        loss[t] = L/n + l2/2*ww;
        if (t > 0 && fabs(loss[t-1]-loss[t]) < tol) { t++; break; }
        double gb = 0;
        for (int j = 0; j < d; j++) g[j] = 0;
        for (int i = 0; i < n; i++) {
            double r = sig(z[i]) - y[i];
            gb += r;
            for (int j = 0; j < d; j++) g[j] += X[(size_t)i*d+j]*r;
        }
        for (int j = 0; j < d; j++) m->w[j] -= lr*(g[j]/n + l2*m->w[j]);
        m->b -= lr*gb/n;
    }
    *n_iter = t;
    free(z); free(g);
    return m;
}
void logreg_predict_proba(const logreg *m, const double *X, int n, double *p) {
    for (int i = 0; i < n; i++) {
        double s = m->b;
        for (int j = 0; j < m->d; j++) s += X[(size_t)i*m->d+j]*m->w[j];
        p[i] = sig(s);
    }
}
void logreg_free(logreg *m) { if (!m) return; free(m->w); free(m); }
