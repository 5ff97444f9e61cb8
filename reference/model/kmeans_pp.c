/* Model answer: k-means++ seeding driven by the given uniform numbers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* floor(v * n) for v in [0, 1); v * n can round up to n. */
static int uniform_index(double v, int n)
{
    int i = (int)(v * n);
    return i < n ? i : n - 1;
}

/* The smallest i with D[0] + ... + D[i] > target, summed in index order:
 * row i is drawn with probability D[i] / S. */
static int sample(const double *D, int n, double target)
{
    double acc = 0;
    for (int i = 0; i < n; i++)    /* in index order, as S was summed */
        if ((acc += D[i]) > target)
            return i;
    /* rounding left u * S at S: the last row that can be drawn */
    int i = n - 1;
    while (D[i] == 0)
        i--;
    return i;
}

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *D = malloc(sizeof *D * n);    /* squared distance to the nearest centroid */
    if (!D) return;    /* out of memory */
    for (int i = 0; i < n; i++)
        D[i] = INFINITY;
    int pick = uniform_index(u[0], n);
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            /* one pass per centroid: D only changes where the newest one is
             * nearer; (x - c)^2 directly, the expanded form cancels */
            const double *newest = C + (size_t)(c - 1) * d;
            double S = 0;
            for (int i = 0; i < n; i++) {
                double dist = 0;
                for (int l = 0; l < d; l++) {
                    double t = X[(size_t)i * d + l] - newest[l];
                    dist += t * t;
                }
#if MISTAKE(unsquared)
                dist = sqrt(dist);
#endif
#if MISTAKE(last_centroid_only)
                D[i] = dist;
#else
                D[i] = fmin(D[i], dist);
#endif
                S += D[i];
            }
            /* S = 0: every point sits on a centroid, and there is nothing
             * to draw in proportion to */
#if MISTAKE(farthest_point)
            for (int i = pick = 0; i < n; i++)
                pick = D[i] > D[pick] ? i : pick;
#else
            pick = S > 0 ? sample(D, n, u[c] * S) : uniform_index(u[c], n);
#endif
        }
        idx[c] = pick;
        memcpy(C + (size_t)c * d, X + (size_t)pick * d, sizeof *C * d);
    }
    free(D);
}
