/* expect: status=graded correctness=pass stability=pass organization=fail */
/* Keeps the statistics in static arrays ("there is only ever one scaler"):
 * a second scaler overwrites the first one's statistics, and the .so has
 * writable global data. */
#include <math.h>
#include <stdlib.h>

#define MAXD 4096
static double g_mean[MAXD], g_m2[MAXD];
static long long g_count;

struct scaler {
    int d;
};

scaler *scaler_new(int d)
{
    if (d < 1 || d > MAXD)
        return NULL;
    scaler *s = malloc(sizeof *s);
    s->d = d;
    g_count = 0;
    for (int j = 0; j < d; j++)
        g_mean[j] = g_m2[j] = 0;
    return s;
}

int scaler_partial_fit(scaler *s, const double *X, int n)
{
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        g_count++;
        for (int j = 0; j < s->d; j++) {
            double x = X[(long)i * s->d + j], dl = x - g_mean[j];
            g_mean[j] += dl / g_count;
            g_m2[j] += dl * (x - g_mean[j]);
        }
    }
    return (int)g_count;
}

void scaler_stats(const scaler *s, double *mean, double *var)
{
    for (int j = 0; j < s->d; j++) {
        mean[j] = g_mean[j];
        var[j] = g_count ? g_m2[j] / g_count : 0;
    }
}

void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s->d; j++) {
            double v = g_count ? g_m2[j] / g_count : 0;
            Z[(long)i * s->d + j] = (X[(long)i * s->d + j] - g_mean[j]) / (v > 0 ? sqrt(v) : 1);
        }
}

void scaler_free(scaler *s)
{
    free(s);
}
