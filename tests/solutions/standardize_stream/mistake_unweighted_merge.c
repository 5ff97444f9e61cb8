/* expect: status=graded passed=no correctness=fail mistake=unweighted_merge */
/* Merges chunks with Chan's formula for the squared deviations, but the new
 * mean is the plain average of the old mean and the chunk's mean ("average
 * the two estimates"), whatever the sizes of the two sides. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long n;
    double *mean, *M;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->n = 0;
    s->mean = calloc(d, sizeof(double));
    s->M = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return (int)s->n;
    for (int j = 0; j < s->d; j++) {
        double mb = 0, Mb = 0;
        for (int i = 0; i < n; i++)
            mb += X[(long)i * s->d + j];
        mb /= n;
        for (int i = 0; i < n; i++) {
            double e = X[(long)i * s->d + j] - mb;
            Mb += e * e;
        }
        if (s->n == 0) {
            s->mean[j] = mb;
            s->M[j] = Mb;
        } else {
            double delta = mb - s->mean[j];
            s->M[j] += Mb + delta * delta * s->n * n / (double)(s->n + n);
            s->mean[j] = (s->mean[j] + mb) / 2;
        }
    }
    s->n += n;
    return (int)s->n;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->n ? s->M[j] / s->n : 0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double v = s->n ? s->M[j] / s->n : 0;
            Z[(long)i * s->d + j] = (X[(long)i * s->d + j] - s->mean[j]) / (v > 0 ? sqrt(v) : 1);
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
