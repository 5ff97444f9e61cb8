/* timing — see timing.h. */

#include "grade/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile_sorted(const double *v, int n, double q)
{
    if (n == 0)
        return NAN;
    double pos = q * (n - 1);
    int i = (int)pos;
    double f = pos - i;
    return i + 1 < n ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

double timing_median(double *v, int n)
{
    if (n <= 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return quantile_sorted(v, n, 0.5);
}

void timing_pairs(const double *user, const double *ref, int n, timing_stats *o)
{
    memset(o, 0, sizeof *o);
    o->n = n;
    if (n <= 0) {
        o->ratio = o->q1 = o->q3 = NAN;
        return;
    }
    double r[n], lr[n], dev[n], u[n], f[n];
    for (int i = 0; i < n; i++) {
        double rf = ref[i] > 1e-12 ? ref[i] : 1e-12;
        r[i] = user[i] / rf;
        lr[i] = log(r[i] > 1e-12 ? r[i] : 1e-12);
        u[i] = user[i];
        f[i] = ref[i];
    }
    qsort(r, (size_t)n, sizeof *r, cmp_d);
    o->ratio = quantile_sorted(r, n, 0.5);
    o->q1 = quantile_sorted(r, n, 0.25);
    o->q3 = quantile_sorted(r, n, 0.75);
    double mlog = timing_median(lr, n);
    for (int i = 0; i < n; i++)
        dev[i] = fabs(lr[i] - mlog);
    o->mad = timing_median(dev, n);
    /* robust sigma, floored at 3%: tighter than that is clock noise */
    double sigma = fmax(1.4826 * o->mad, 0.03);
    for (int i = 0; i < n; i++) {
        double l = log(fmax(user[i] / fmax(ref[i], 1e-12), 1e-12));
        if (sigma > 0 && fabs(l - mlog) > 3 * sigma)
            o->outliers++;
    }
    o->user_s = timing_median(u, n);
    o->ref_s = timing_median(f, n);
}

double timing_exponent(const double *size, const double *seconds, int n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (!(size[i] > 0 && seconds[i] > 0))
            continue;
        double x = log(size[i]), y = log(seconds[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        m++;
    }
    double den = m * sxx - sx * sx;
    if (m < 2 || fabs(den) < 1e-12)
        return NAN;
    return (m * sxy - sx * sy) / den;
}

double timing_points(double ratio, double full, double zero, double max)
{
    if (!(ratio > 0))
        return 0;
    if (ratio <= full)
        return max;
    if (ratio >= zero)
        return 0;
    return max * (log(zero) - log(ratio)) / (log(zero) - log(full));
}
