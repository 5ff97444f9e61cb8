/* Model answer: a streaming standardiser. Each chunk's mean and squared
 * deviations are computed in two passes and merged into the running ones
 * with Chan's update, in O(d) memory. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d, count;
    double *mean, *var;    /* running mean and population variance per feature */
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->count = 0;
    s->mean = calloc(d, sizeof(double));
    s->var = calloc(d, sizeof(double));
    return s;
}

void scaler_free(scaler *s)
{
    if (s) {
        free(s->mean);
        free(s->var);
        free(s);
    }
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return s->count;    /* nothing to merge (the chunk's mean would be 0/0) */
    int d = s->d;
    double *mb = calloc(2 * d, sizeof(double)), *ssb = mb + d;

    /* the chunk's mean, then its squared deviations from that mean: values
     * near 1e9 keep their digits, which sum x^2 - n mean^2 would lose */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mb[j] += X[i * d + j];
    for (int j = 0; j < d; j++)    /* the sums become the chunk's means */
        mb[j] /= n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            ssb[j] += (X[i * d + j] - mb[j]) * (X[i * d + j] - mb[j]);

    /* Chan's merge with the na rows before: each side weighs by its size,
     * and the gap between the two means adds to the spread */
    double na = s->count;
#if MISTAKE(forgets_history)
    na = 0;
#endif
    double N = na + n;
    for (int j = 0; j < d; j++) {
        double delta = mb[j] - s->mean[j];
#if MISTAKE(unweighted_merge)
        s->mean[j] += delta * (na > 0 ? 0.5 : 1);
#else
        s->mean[j] += delta * n / N;
#endif
        s->var[j] = (s->var[j] * na + ssb[j] + delta * delta * na * n / N) / N;
    }
    free(mb);
    s->count += n;
    return s->count;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->var[j];    /* divided by the count, not count - 1 */
#if MISTAKE(sample_variance)
        if (s->count > 1)
            var[j] *= s->count / (s->count - 1.0);
#endif
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    int d = s->d;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double v = s->var[j];
#if MISTAKE(sample_variance)
            if (s->count > 1)
                v *= s->count / (s->count - 1.0);
#endif
#if MISTAKE(zero_variance)
            double sd = sqrt(v);
#else
            double sd = v > 0 ? sqrt(v) : 1;    /* a constant feature is only centred */
#endif
            Z[i * d + j] = (X[i * d + j] - s->mean[j]) / sd;
        }
}
