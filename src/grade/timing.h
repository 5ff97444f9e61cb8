/* timing — statistics for the vectorization criterion: the median of
 * paired time ratios with its spread and outliers (marked, not dropped),
 * a growth-exponent fit over several sizes, and the points curve. */
#ifndef MLDRILL_TIMING_H
#define MLDRILL_TIMING_H

typedef struct timing_stats {
    int n;                  /* paired samples */
    double ratio;           /* median of user/reference time ratios */
    double q1, q3;          /* quartiles of the ratios */
    double mad;             /* median absolute deviation of log ratios */
    int outliers;           /* samples beyond 3 robust sigmas (kept) */
    double user_s, ref_s;   /* median seconds per call sequence */
} timing_stats;

/* Statistics of n paired samples (seconds). */
void timing_pairs(const double *user, const double *ref, int n, timing_stats *out);

/* Least-squares slope of log(time) against log(size): the growth
 * exponent.  Returns NAN with fewer than two distinct sizes. */
double timing_exponent(const double *size, const double *seconds, int n);

/* Points on the challenge's curve: max at ratio <= full, 0 at >= zero,
 * linear in log(ratio) between. */
double timing_points(double ratio, double full, double zero, double max);

/* Median of n values (the array is reordered). */
double timing_median(double *v, int n);

#endif
