/* expect: status=graded passed=no stability=fail mistake=zero_variance */
/* Statistics right (Welford), but transform divides by sqrt(var) without
 * looking at it: a constant feature has var = 0, and 0/0 is NaN. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long k;
    double *mu, *m2;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->k = 0;
    s->mu = calloc(d, sizeof(double));
    s->m2 = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        s->k++;
        for (int j = 0; j < s->d; j++) {
            double x = X[(long)i * s->d + j], dl = x - s->mu[j];
            s->mu[j] += dl / s->k;
            s->m2[j] += dl * (x - s->mu[j]);
        }
    }
    return (int)s->k;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mu[j];
        var[j] = s->k ? s->m2[j] / s->k : 0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++)
            Z[(long)i * s->d + j] = (X[(long)i * s->d + j] - s->mu[j]) / sqrt(s->m2[j] / s->k);
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->mu);
    free(s->m2);
    free(s);
}
