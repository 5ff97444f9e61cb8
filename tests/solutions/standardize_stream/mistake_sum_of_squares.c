/* expect: status=graded passed=no stability=fail mistake=sum_of_squares */
/* The textbook shortcut: keep running sums of x and x^2 per feature, and
 * var = sum(x^2)/N - mean^2.  One pass, no division per value, exact on
 * paper -- and all digits gone for values near 1e9. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    long n;
    double *sum, *sumsq;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->n = 0;
    s->sum = calloc(d, sizeof(double));
    s->sumsq = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double x = X[i * s->d + j];
            s->sum[j] += x;
            s->sumsq[j] += x * x;
        }
    s->n += n;
    return (int)s->n;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->n ? s->sum[j] / s->n : 0;
        var[j] = s->n ? s->sumsq[j] / s->n - mean[j] * mean[j] : 0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int j = 0; j < s->d; j++) {
        double m = s->sum[j] / s->n, v = s->sumsq[j] / s->n - m * m;
        double sd = v > 0 ? sqrt(v) : 1;
        for (int i = 0; i < n; i++)
            Z[i * s->d + j] = (X[i * s->d + j] - m) / sd;
    }
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->sum);
    free(s->sumsq);
    free(s);
}
