/* expect: status=graded passed=no stability=fail mistake=none */
/* Near miss: the probabilities subtract the row maximum, but the loss is
 * log(sum exp(z)) - z_y with the raw logits, which overflows to inf past 709
 * ("huge logits"); the statement asks for a finite loss (log-sum-exp with
 * the shift, or clipping). It takes no log(P), so log_zero must not be named
 * ("own class underflows, every logit below 709" passes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
typedef struct softmax_reg { int d, k; double *W, *b; } softmax_reg;
/* P (n-by-k) from Z in place; returns sum_i log-sum-exp - z_y if y given */
static double softmax_rows(double *Z, int n, int k, const int *y) {
    double L = 0;
    for (int i = 0; i < n; i++) {
        double *z = Z + (size_t)i*k;
        double mx = z[0];
        for (int c = 1; c < k; c++) if (z[c] > mx) mx = z[c];
        double s = 0;
        for (int c = 0; c < k; c++) s += exp(z[c] - mx);
        if (y) { double s2 = 0; for (int c = 0; c < k; c++) s2 += exp(z[c]); L += log(s2) - z[y[i]]; }
        for (int c = 0; c < k; c++) z[c] = exp(z[c] - mx) / s;
    }
    return L;
}
static void logits(const softmax_reg *m, const double *X, int n, double *Z) {
    for (int i = 0; i < n; i++) for (int c = 0; c < m->k; c++) {
        double s = m->b[c];
        for (int j = 0; j < m->d; j++) s += X[(size_t)i*m->d+j]*m->W[(size_t)j*m->k+c];
        Z[(size_t)i*m->k+c] = s;
    }
}
softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k, double lr, double l2,
                             int max_iter, double tol, double *loss, int *n_iter) {
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0) return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k) return NULL;
    softmax_reg *m = malloc(sizeof *m);
    m->d = d; m->k = k; m->W = calloc((size_t)d*k, sizeof(double)); m->b = calloc(k, sizeof(double));
    double *Z = malloc(sizeof(double)*(size_t)n*k), *G = malloc(sizeof(double)*(size_t)d*k), *gb = malloc(sizeof(double)*k);
    int t;
    for (t = 0; t < max_iter; t++) {
        logits(m, X, n, Z);
        double L = softmax_rows(Z, n, k, y) / n, ww = 0;
        for (int j = 0; j < d*k; j++) ww += m->W[j]*m->W[j];
        loss[t] = L + l2/2*ww;
        if (t > 0 && fabs(loss[t-1]-loss[t]) < tol) { t++; break; }
        for (int i = 0; i < n; i++) Z[(size_t)i*k+y[i]] -= 1;
        memset(G, 0, sizeof(double)*(size_t)d*k); memset(gb, 0, sizeof(double)*k);
        for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) {
            double r = Z[(size_t)i*k+c];
            gb[c] += r;
            for (int j = 0; j < d; j++) G[(size_t)j*k+c] += X[(size_t)i*d+j]*r;
        }
        for (int j = 0; j < d*k; j++) m->W[j] -= lr*(G[j]/n + l2*m->W[j]);
        for (int c = 0; c < k; c++) m->b[c] -= lr*gb[c]/n;
    }
    *n_iter = t;
    free(Z); free(G); free(gb);
    return m;
}
void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P) {
    logits(m, X, n, P);
    softmax_rows(P, n, m->k, NULL);
}
void softmax_reg_free(softmax_reg *m) { if (!m) return; free(m->W); free(m->b); free(m); }
