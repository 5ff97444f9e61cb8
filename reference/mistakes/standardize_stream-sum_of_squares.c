/* Mistake variant standardize_stream/sum_of_squares: running sums of x and
 * x^2, and var = E[x^2] - E[x]^2, which cancels catastrophically for values
 * near 1e9. A whole file: the state and the update differ from the model
 * answer's running mean and variance. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d, count;
    double *sum, *sumsq;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->count = 0;
    s->sum = calloc(d, sizeof(double));
    s->sumsq = calloc(d, sizeof(double));
    return s;
}

void scaler_free(scaler *s)
{
    if (s) {
        free(s->sum);
        free(s->sumsq);
        free(s);
    }
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            s->sum[j] += X[i * s->d + j];
            s->sumsq[j] += X[i * s->d + j] * X[i * s->d + j];
        }
    s->count += n;
    return s->count;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->sum[j] / s->count;
        var[j] = s->sumsq[j] / s->count - mean[j] * mean[j];
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int j = 0; j < s->d; j++) {
        double mean = s->sum[j] / s->count;
        double v = s->sumsq[j] / s->count - mean * mean;
        for (int i = 0; i < n; i++)
            Z[i * s->d + j] = (X[i * s->d + j] - mean) / (v > 0 ? sqrt(v) : 1);
    }
}
