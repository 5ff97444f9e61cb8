/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: a chunk with n < 0 is rejected with -1, but only after the
 * row count took it in: the caller was told nothing happened, and the
 * statistics of every later call are off.  A rejected call must leave the
 * state as it was; only a case that goes on after the rejection shows it. */
#include <math.h>
#include <stdlib.h>
typedef struct scaler {
    int d; long long N;
    double *mean, *m2;
} scaler;
scaler *scaler_new(int d) {
    if (d < 1) return NULL;
    scaler *s = calloc(1, sizeof *s);
    s->d = d;
    s->mean = calloc(d, sizeof(double)); s->m2 = calloc(d, sizeof(double));
    return s;
}
int scaler_partial_fit(scaler *s, const double *X, int n) {
    long long N0 = s->N + n;
    if (n < 0) { s->N = N0; return -1; }
    if (n > 0) {
        for (int j = 0; j < s->d; j++) {
            double m = 0, q = 0;
            for (int i = 0; i < n; i++) m += X[(size_t)i*s->d+j];
            m /= n;
            for (int i = 0; i < n; i++) { double e = X[(size_t)i*s->d+j] - m; q += e*e; }
            double N = (double)s->N + n, delta = m - s->mean[j];
            s->mean[j] += delta * n / N;
            s->m2[j] += q + delta*delta * ((double)s->N * n / N);
        }
        s->N += n;
    }
    return (int)s->N;
}
void scaler_stats(const scaler *s, double *mean, double *var) {
    for (int j = 0; j < s->d; j++) { mean[j] = s->mean[j]; var[j] = s->N > 0 ? s->m2[j]/s->N : 0; }
}
void scaler_transform(const scaler *s, const double *X, int n, double *Z) {
    for (int j = 0; j < s->d; j++) {
        double v = s->N > 0 ? s->m2[j]/s->N : 0;
        double sd = v == 0 ? 1 : sqrt(v);
        for (int i = 0; i < n; i++) Z[(size_t)i*s->d+j] = (X[(size_t)i*s->d+j] - s->mean[j]) / sd;
    }
}
void scaler_free(scaler *s) {
    if (!s) return;
    free(s->mean); free(s->m2);
    free(s);
}
