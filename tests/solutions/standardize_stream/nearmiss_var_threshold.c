/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: Welford's update, right in every step but transform's test for
 * a constant feature: "var < 1e-12 is zero up to rounding", so such a
 * feature is only centred.  Data with a real but tiny spread (1e-10) have a
 * variance far below the threshold and must still be divided by sqrt(var):
 * the statement divides by 1 only when var = 0. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long count;
    double *mean;
    double *M;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    if (!s)
        return NULL;
    s->d = d;
    s->count = 0;
    s->mean = calloc(d, sizeof(double));
    s->M = calloc(d, sizeof(double));
    if (!s->mean || !s->M) {
        free(s->mean);
        free(s->M);
        free(s);
        return NULL;
    }
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const double *x = X + (long)i * s->d;
        s->count++;
        for (int j = 0; j < s->d; j++) {
            double delta = x[j] - s->mean[j];
            s->mean[j] += delta / s->count;
            s->M[j] += delta * (x[j] - s->mean[j]);
        }
    }
    return (int)s->count;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->count > 0 ? s->M[j] / s->count : 0.0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double var = s->count > 0 ? s->M[j] / s->count : 0.0;
            double sd = var > 1e-12 ? sqrt(var) : 1.0;    /* constant up to rounding */
            Z[(long)i * s->d + j] = (X[(long)i * s->d + j] - s->mean[j]) / sd;
        }
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->mean);
    free(s->M);
    free(s);
}
