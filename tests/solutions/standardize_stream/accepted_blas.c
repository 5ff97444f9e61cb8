/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Chan's merge, chunk by chunk, with CBLAS doing the passes: the chunk mean
 * is X^T 1 / n (dgemv), a centred copy of the chunk is X - 1 mb^T (dger on
 * the copy), and each feature's sum of squared deviations is a strided
 * ddot of its column with itself.  Then mean and M merge with the running
 * ones, weighted by the counts. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct scaler {
    int d;
    double n;           /* rows so far */
    double *mu, *M, *sd;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    double *mem = calloc(3 * (size_t)d, sizeof(double));
    if (!s || !mem) {
        free(s);
        free(mem);
        return NULL;
    }
    s->d = d;
    s->n = 0;
    s->mu = mem;
    s->M = mem + d;
    s->sd = mem + 2 * d;
    for (int j = 0; j < d; j++)
        s->sd[j] = 1.0;
    return s;
}

void scaler_free(scaler *s)
{
    if (s)
        free(s->mu);
    free(s);
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return (int)s->n;
    const int d = s->d;
    double *ones = malloc(sizeof(double) * n);
    double *C = malloc(sizeof(double) * (size_t)n * d);
    double *mb = malloc(sizeof(double) * d);
    for (int i = 0; i < n; i++)
        ones[i] = 1.0;

    /* mb = X^T 1 / n, but around the running mean (or the first row) so
     * that large offsets cancel before the sum */
    const double *ref = s->n > 0 ? s->mu : X;
    memcpy(C, X, sizeof(double) * (size_t)n * d);
    double *shift = malloc(sizeof(double) * d);
    memcpy(shift, ref, sizeof(double) * d);
    cblas_dger(CblasRowMajor, n, d, -1.0, ones, 1, shift, 1, C, d);
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0 / n, C, d, ones, 1, 0.0, mb, 1);
    /* C = X - 1 mb_total^T: subtract the remaining offset */
    cblas_dger(CblasRowMajor, n, d, -1.0, ones, 1, mb, 1, C, d);
    cblas_daxpy(d, 1.0, shift, 1, mb, 1);

    const double na = s->n, N = na + n;
    for (int j = 0; j < d; j++) {
        double Mb = cblas_ddot(n, C + j, d, C + j, d);
        double delta = mb[j] - s->mu[j];
        s->M[j] += Mb + delta * delta * na * n / N;
        s->mu[j] += delta * n / N;
        double var = s->M[j] / N;
        s->sd[j] = var > 0 ? sqrt(var) : 1.0;
    }
    s->n = N;
    free(ones);
    free(C);
    free(mb);
    free(shift);
    return (int)N;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mu[j];
        var[j] = s->n > 0 ? s->M[j] / s->n : 0.0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    const int d = s->d;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            Z[(long)i * d + j] = (X[(long)i * d + j] - s->mu[j]) / s->sd[j];
}
