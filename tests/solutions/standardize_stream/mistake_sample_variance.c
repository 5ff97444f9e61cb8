/* expect: status=graded passed=no correctness=fail mistake=sample_variance */
/* Welford done right, but the variance is M / (count - 1), the unbiased
 * sample variance ("that's what np.var... no, pandas .var() gives"), where
 * a standardiser uses M / count. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long count;
    double *mean, *M;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->count = 0;
    s->mean = calloc(d, sizeof(double));
    s->M = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        s->count++;
        for (int j = 0; j < s->d; j++) {
            double x = X[(long)i * s->d + j], delta = x - s->mean[j];
            s->mean[j] += delta / s->count;
            s->M[j] += delta * (x - s->mean[j]);
        }
    }
    return (int)s->count;
}

static double variance(const scaler *s, int j)
{
    return s->count > 1 ? s->M[j] / (s->count - 1) : 0.0;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = variance(s, j);
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double v = variance(s, j);
            Z[(long)i * s->d + j] = (X[(long)i * s->d + j] - s->mean[j]) / (v > 0 ? sqrt(v) : 1.0);
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
