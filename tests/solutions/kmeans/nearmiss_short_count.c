/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: Lloyd's algorithm with plain loops, right in every step, but
 * the per-cluster counts are kept in unsigned short to save memory.  A
 * cluster of more than 65535 points wraps its count, and its mean is the
 * sum divided by the count modulo 2^16. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double sqdist(const double *a, const double *b, int d)
{
    double s = 0.0;
    for (int l = 0; l < d; l++) {
        double t = a[l] - b[l];
        s += t * t;
    }
    return s;
}

static int nearest(const double *x, const double *C, int k, int d, double *dist)
{
    int best = 0;
    double bd = sqdist(x, C, d);
    for (int j = 1; j < k; j++) {
        double dj = sqdist(x, C + (long)j * d, d);
        if (dj < bd) {
            bd = dj;
            best = j;
        }
    }
    *dist = bd;
    return best;
}

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *sums = malloc(sizeof(double) * k * d);
    unsigned short *counts = malloc(sizeof(unsigned short) * k);
    if (!sums || !counts) {
        free(sums);
        free(counts);
        return 0;
    }
    int iters = 0;
    while (iters < max_iter) {
        memset(sums, 0, sizeof(double) * k * d);
        memset(counts, 0, sizeof(unsigned short) * k);
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            double dist;
            const double *x = X + (long)i * d;
            int c = nearest(x, C, k, d, &dist);
            labels[i] = c;
            total += dist;
            counts[c]++;
            for (int l = 0; l < d; l++)
                sums[(long)c * d + l] += x[l];
        }
        inertia[iters++] = total;

        double max_shift = 0.0;
        for (int j = 0; j < k; j++) {
            if (counts[j] == 0)
                continue;
            double shift2 = 0.0;
            for (int l = 0; l < d; l++) {
                double mean = sums[(long)j * d + l] / counts[j];
                double delta = mean - C[(long)j * d + l];
                shift2 += delta * delta;
                C[(long)j * d + l] = mean;
            }
            if (sqrt(shift2) > max_shift)
                max_shift = sqrt(shift2);
        }
        if (max_shift <= tol)
            break;
    }
    free(sums);
    free(counts);
    return iters;
}
