/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct and stable, but not streaming: every chunk is appended to a
 * growing copy of all the data, and each partial_fit recomputes the mean
 * and variance from scratch (two passes over everything so far).  The k-th
 * chunk costs O(k n d), so a stream of k chunks costs O(k^2 n d) and its
 * memory grows without bound. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct scaler {
    int d;
    long long rows;
    double *data;       /* every row seen */
    double *mean, *var;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = calloc(1, sizeof *s);
    s->d = d;
    s->mean = calloc(d, sizeof(double));
    s->var = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return (int)s->rows;
    int d = s->d;
    s->data = realloc(s->data, sizeof(double) * (s->rows + n) * d);
    memcpy(s->data + s->rows * d, X, sizeof(double) * n * d);
    s->rows += n;
    for (int j = 0; j < d; j++) {
        double sum = 0;
        for (long long i = 0; i < s->rows; i++) /* hot */
            sum += s->data[i * d + j];
        s->mean[j] = sum / s->rows;
    }
    for (int j = 0; j < d; j++) {
        double ss = 0;
        for (long long i = 0; i < s->rows; i++) { /* hot */
            double e = s->data[i * d + j] - s->mean[j];
            ss += e * e;
        }
        s->var[j] = ss / s->rows;
    }
    return (int)s->rows;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    memcpy(mean, s->mean, sizeof(double) * s->d);
    memcpy(var, s->var, sizeof(double) * s->d);
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double sd = s->var[j] > 0 ? sqrt(s->var[j]) : 1.0;
            Z[i * s->d + j] = (X[i * s->d + j] - s->mean[j]) / sd;
        }
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->data);
    free(s->mean);
    free(s->var);
    free(s);
}
