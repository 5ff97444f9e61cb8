/* Mistake variant standardize_stream/forgets_history.
 *
 * Every partial_fit starts the statistics again from its own chunk (as if
 * it were fit): only the last non-empty chunk counts, though the returned
 * count is still the total.  (`last` is the size of that chunk.)
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct scaler {
    int d;
    long long count;     /* rows seen */
    long long last;      /* rows behind the statistics: the last chunk */
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
    s->last = 0;
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
    /* MISTAKE: forget what was seen before this chunk */
    for (int j = 0; j < d; j++)
        s->mean[j] = s->m2[j] = 0.0;
    s->last = n;
    const double *shift = X;
    double *mb = s->tmp;

    /* pass 1: the chunk mean, as shift + mean(x - shift) */
    for (int j = 0; j < d; j++)
        mb[j] = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            mb[j] += x[j] - shift[j];
    }
    for (int j = 0; j < d; j++)
        mb[j] = shift[j] + mb[j] / n;

    /* pass 2: squared deviations from the chunk mean, added straight into
     * m2 (which only ever grows by the merge terms) */
    const double na = 0.0, nb = (double)n, N = na + nb;
    for (int j = 0; j < d; j++) {
        const double delta = mb[j] - s->mean[j];
        s->m2[j] += delta * delta * (na * nb / N);
    }
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++) {
            const double e = x[j] - mb[j];
            s->m2[j] += e * e;
        }
    }
    for (int j = 0; j < d; j++) {
        s->mean[j] += (mb[j] - s->mean[j]) * (nb / N);
        const double v = s->m2[j] / N;
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
        var[j] = s->last > 0 ? s->m2[j] / (double)s->last : 0.0;
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
