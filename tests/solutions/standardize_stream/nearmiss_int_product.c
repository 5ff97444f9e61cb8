/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: Chan's merge chunk by chunk, in plain loops, right in every
 * step but the weight of the gap between the two means: na * nb / N is
 * computed with na * nb in int.  Up to 46340 rows a side it fits; two
 * chunks of 50000 rows make 2.5e9, past 2^31, and the product wraps to a
 * negative number, so the variance loses the spread between the chunks. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d, count;
    double *mean, *M;    /* running mean and sum of squared deviations */
    double *mb, *Mb;     /* the chunk's */
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
    s->mean = calloc(4 * (size_t)d, sizeof(double));
    if (!s->mean) {
        free(s);
        return NULL;
    }
    s->M = s->mean + d;
    s->mb = s->M + d;
    s->Mb = s->mb + d;
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return s->count;
    int d = s->d;
    for (int j = 0; j < d; j++)
        s->mb[j] = s->Mb[j] = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            s->mb[j] += X[(long)i * d + j];
    for (int j = 0; j < d; j++)
        s->mb[j] /= n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double e = X[(long)i * d + j] - s->mb[j];
            s->Mb[j] += e * e;
        }
    int na = s->count, N = na + n;
    double w = (double)(na * n) / N;    /* na nb / N */
    for (int j = 0; j < d; j++) {
        double delta = s->mb[j] - s->mean[j];
        s->mean[j] += delta * n / N;
        s->M[j] += s->Mb[j] + delta * delta * w;
    }
    s->count = N;
    return N;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->count > 0 ? s->M[j] / s->count : 0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    int d = s->d;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double v = s->count > 0 ? s->M[j] / s->count : 0;
            Z[(long)i * d + j] = (X[(long)i * d + j] - s->mean[j]) / (v > 0 ? sqrt(v) : 1);
        }
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->mean);
    free(s);
}
