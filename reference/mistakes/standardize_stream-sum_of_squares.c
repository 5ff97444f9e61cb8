/* Mistake variant standardize_stream/sum_of_squares.
 *
 * The statistics are two running sums, of x and of x^2, and the variance is
 * sum(x^2)/N - (sum(x)/N)^2.  Exact in real numbers; in doubles the two
 * terms are nearly equal for large values with a small spread, and the
 * difference keeps none of their digits (it can even come out negative,
 * and then sqrt gives NaN).
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long count;     /* rows seen */
    double *mean;        /* d running means */
    double *m2;          /* d sums of squared deviations from the mean */
    double *inv;         /* d values 1/sqrt(var), 1 where var = 0 */
    double *tmp;         /* d scratch values for a chunk */
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    double *buf = calloc(4 * (size_t)d, sizeof *buf);
    if (!s || !buf) {
        free(s);
        free(buf);
        return NULL;
    }
    s->d = d;
    s->count = 0;
    s->mean = buf;
    s->m2 = buf + d;
    s->inv = buf + 2 * (size_t)d;
    s->tmp = buf + 3 * (size_t)d;
    for (int j = 0; j < d; j++)
        s->inv[j] = 1.0;
    return s;
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->mean);      /* mean, m2, inv and tmp are one block */
    free(s);
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (!s || n < 0 || (n > 0 && !X))
        return -1;
    if (n == 0)
        return (int)s->count;
    const int d = s->d;
    /* MISTAKE: tmp holds the running sum of x, m2 the running sum of x^2,
     * and the variance is sum(x^2)/N - mean^2 */
    double *s1 = s->tmp;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++) {
            s1[j] += x[j];
            s->m2[j] += x[j] * x[j];
        }
    }
    const double N = (double)s->count + n;
    for (int j = 0; j < d; j++) {
        s->mean[j] = s1[j] / N;
        const double v = s->m2[j] / N - s->mean[j] * s->mean[j];
        s->inv[j] = v > 0.0 ? 1.0 / sqrt(v) : 1.0;
    }
    s->count += n;
    return (int)s->count;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    if (!s || !mean || !var)
        return;
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->count > 0 ? s->m2[j] / (double)s->count - s->mean[j] * s->mean[j] : 0.0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    if (!s || !X || !Z || n < 1)
        return;
    const int d = s->d;
    const double *inv = s->inv;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        double *z = Z + (size_t)i * d;
        for (int j = 0; j < d; j++)
            z[j] = (x[j] - s->mean[j]) * inv[j];
    }
}
