/* Model answer: Lloyd's k-means from the given centroids. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    /* S = -2 X C^T (n-by-k), then the per-cluster sums and ||c_j||^2 */
    double *S = malloc(sizeof *S * ((size_t)n * k + (size_t)k * d + k));
    int *count = malloc(sizeof *count * k);
    if (!S || !count) { free(S); free(count); return 0; }    /* out of memory */
    double *sum = S + (size_t)n * k, *cnorm = sum + (size_t)k * d;
    int t = 0;
    while (t < max_iter) {
        /* 1. Assignment. ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2, and ||x||^2
         * does not change the argmin: one dgemm gives every x.c. */
        for (int j = 0; j < k; j++)
            cnorm[j] = cblas_ddot(d, C + (size_t)j * d, 1, C + (size_t)j * d, 1);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, k, d, -2, X, d, C, d, 0, S, k);
        memset(sum, 0, sizeof *sum * k * d);
        memset(count, 0, sizeof *count * k);
        double total = 0;
        for (int i = 0; i < n; i++) {
            const double *x = X + (size_t)i * d, *s = S + (size_t)i * k;
            int best = 0;
            double best_v = cnorm[0] + s[0];
            for (int j = 1; j < k; j++)
                if (cnorm[j] + s[j] < best_v) {    /* strict: a tie keeps the lower index */
                    best_v = cnorm[j] + s[j];
                    best = j;
                }
            labels[i] = best;
            count[best]++;
            /* 2. The inertia from the exact squared distance: the expanded
             * form cancels for points far from the origin. */
            double dist = 0;
            for (int l = 0; l < d; l++) {
                double diff = x[l] - C[(size_t)best * d + l];
                dist += diff * diff;
                sum[(size_t)best * d + l] += x[l];
            }
#if MISTAKE(unsquared_inertia)
            total += sqrt(dist);
#else
            total += dist;
#endif
        }
        inertia[t++] = total;

        /* 3. Each centroid moves to the mean of its points; 4. how far. */
        double moved = 0;
        for (int j = 0; j < k; j++) {
#if !MISTAKE(empty_cluster_nan)
            if (count[j] == 0)
                continue;    /* an empty cluster keeps its centroid: no 0/0 */
#endif
            double shift = 0;
            for (int l = 0; l < d; l++) {
                double mean = sum[(size_t)j * d + l] / count[j];
                double diff = mean - C[(size_t)j * d + l];
                shift += diff * diff;
                C[(size_t)j * d + l] = mean;
            }
            moved = fmax(moved, sqrt(shift));
        }
#if !MISTAKE(ignores_tol)
        if (moved <= tol)
            break;
#endif
    }
    free(S);
    free(count);
    return t;
}
