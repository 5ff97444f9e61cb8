/* expect: status=graded passed=no correctness=fail mistake=forgets_history */
/* partial_fit computes the chunk's mean and variance (two stable passes) and
 * stores them as the scaler's statistics -- it behaves like fit, so only the
 * latest chunk counts.  The row count it returns is the running total. */
#include <math.h>
#include <stdlib.h>

struct scaler {
    int d;
    int seen;
    double *mean, *var;
};

scaler *scaler_new(int d)
{
    if (d < 1)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    s->seen = 0;
    s->mean = calloc(d, sizeof(double));
    s->var = calloc(d, sizeof(double));
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    if (n == 0)
        return s->seen;
    for (int j = 0; j < s->d; j++) {
        double m = 0, v = 0;
        for (int i = 0; i < n; i++)
            m += X[i * s->d + j];
        m /= n;
        for (int i = 0; i < n; i++)
            v += (X[i * s->d + j] - m) * (X[i * s->d + j] - m);
        s->mean[j] = m;
        s->var[j] = v / n;
    }
    s->seen += n;
    return s->seen;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = s->mean[j];
        var[j] = s->var[j];
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++)
            Z[i * s->d + j] = (X[i * s->d + j] - s->mean[j]) /
                              (s->var[j] > 0 ? sqrt(s->var[j]) : 1.0);
}

void scaler_free(scaler *s)
{
    if (!s)
        return;
    free(s->mean);
    free(s->var);
    free(s);
}
