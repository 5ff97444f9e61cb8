/* Reference: standardisation with running statistics over a stream of
 * chunks (a streaming StandardScaler).
 *
 *   scaler_new(d)              an empty scaler of d features (NULL if d < 1)
 *   scaler_partial_fit(s,X,n)  folds n more rows into the statistics;
 *                              returns the rows seen so far (-1 if n < 0)
 *   scaler_stats(s,mean,var)   per-feature mean and population variance
 *                              (divided by the count, not count - 1)
 *   scaler_transform(s,X,n,Z)  Z = (X - mean) / sqrt(var), with sqrt(var)
 *                              replaced by 1 for a feature of variance 0
 *
 * A chunk is merged with Chan et al.'s pairwise update: with the chunk's
 * own count nb, mean mb and sum of squared deviations Mb,
 *   delta = mb - ma,  N = na + nb
 *   mean  = ma + delta * nb / N
 *   M     = Ma + Mb + delta^2 * na * nb / N
 * and var = M / N.  Mb is a second pass over the chunk around its mean,
 * and the chunk's mean is taken relative to a shift (the running mean, or
 * the chunk's first row), so values like 1e9 + small noise keep their
 * digits: the sum of squares formula E[x^2] - E[x]^2 would lose them all.
 * Both passes run row by row (the data are row-major) with the per-feature
 * accumulators in the inner loop.  1/sqrt(var) is kept up to date by
 * partial_fit, so transform only reads the model. */
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
    const double *shift = s->count > 0 ? s->mean : X;
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
    const double na = (double)s->count, nb = (double)n, N = na + nb;
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
        var[j] = s->count > 0 ? s->m2[j] / (double)s->count : 0.0;
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
