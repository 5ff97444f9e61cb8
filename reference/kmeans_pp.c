/* Reference: k-means++ seeding with caller-supplied uniform numbers.
 *
 *   idx[0] = floor(u[0] n)  (clamped to n - 1);
 *   for c = 1 .. k-1:
 *     D_i = min over the chosen centres of ||x_i - centre||^2,
 *     S   = sum_i D_i;
 *     S > 0:  idx[c] = the smallest i with D_0 + ... + D_i > u[c] S
 *             (the last i with D_i > 0 if rounding leaves none);
 *     S = 0:  idx[c] = floor(u[c] n)  (clamped), every point being a centre;
 *   C[c] = X[idx[c]].
 *
 * D is kept up to date incrementally: each new centre costs one pass over
 * X, computing the exact squared distance sum_l (x_l - c_l)^2 (no expanded
 * formula: it would cancel digits far from the origin and could go
 * negative).  The pass computes the distances of four rows at a time from a
 * grouped copy of X (see update_dist), which lets them run side by side in
 * SIMD registers while every distance is still summed in the plain
 * l = 0..d-1 order: the result is bit for bit that of the simple loop.  The cumulative sum is taken in
 * index order, as the rule says.  The sequential dependence between picks
 * leaves no room for level-3 BLAS.
 *
 * Invalid arguments (NULL arrays, n < 1, d < 1, k < 1) or a failed
 * allocation leave the outputs untouched. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int clamp_index(double v, int n)
{
    if (!(v > 0.0))
        return 0;
    const double f = v * n;
    return f >= n ? n - 1 : (int)f;
}

/* Rows are processed in groups of G: a copy of X stores each group
 * feature-major (x_0[l], ..., x_{G-1}[l] side by side), so the G distances
 * of a group advance together, in SIMD registers, each still summed in the
 * order l = 0..d-1. */
enum { G = 4 };

/* D[i] = min(D[i], ||x_i - c||^2) for all rows; returns sum_i D[i] (in
 * index order).  Xg holds the first n - n % G rows grouped, X all rows. */
static double update_dist(const double *Xg, const double *X, int n, int d,
                          const double *c, double *D)
{
    double total = 0.0;
    const int ng = n / G;
    for (int g = 0; g < ng; g++) {
        const double *xg = Xg + (size_t)g * G * d;
        double s[G] = {0.0};
        for (int l = 0; l < d; l++) {
            const double cl = c[l];
            for (int q = 0; q < G; q++) {
                const double t = xg[l * G + q] - cl;
                s[q] += t * t;
            }
        }
        double *Dg = D + (size_t)g * G;
        for (int q = 0; q < G; q++) {
            if (s[q] < Dg[q])
                Dg[q] = s[q];
            total += Dg[q];
        }
    }
    for (int i = ng * G; i < n; i++) {
        const double *x = X + (size_t)i * d;
        double s = 0.0;
        for (int l = 0; l < d; l++) {
            const double t = x[l] - c[l];
            s += t * t;
        }
        if (s < D[i])
            D[i] = s;
        total += D[i];
    }
    return total;
}

/* The smallest i whose running sum of D passes target. */
static int pick(const double *D, int n, double target)
{
    double acc = 0.0;
    int last = -1;
    for (int i = 0; i < n; i++) {
        if (D[i] > 0.0) {
            acc += D[i];
            if (acc > target)
                return i;
            last = i;
        }
    }
    return last >= 0 ? last : n - 1;
}

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    if (!X || !u || !C || !idx || n < 1 || d < 1 || k < 1)
        return;
    const int ng = n / G;
    double *D = malloc((size_t)n * sizeof *D);
    double *Xg = malloc(((size_t)ng * G * d + 1) * sizeof *Xg);
    if (!D || !Xg) {
        free(D);
        free(Xg);
        return;
    }
    for (int g = 0; g < ng; g++)
        for (int q = 0; q < G; q++)
            for (int l = 0; l < d; l++)
                Xg[((size_t)g * d + l) * G + q] = X[((size_t)g * G + q) * d + l];
    for (int i = 0; i < n; i++)
        D[i] = HUGE_VAL;       /* no centre yet */

    int cur = clamp_index(u[0], n);
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            const double S = update_dist(Xg, X, n, d, C + (size_t)(c - 1) * d, D);
            cur = S > 0.0 ? pick(D, n, u[c] * S) : clamp_index(u[c], n);
        }
        idx[c] = cur;
        memcpy(C + (size_t)c * d, X + (size_t)cur * d, (size_t)d * sizeof *C);
    }
    free(D);
    free(Xg);
}
