/* expect: status=graded passed=no correctness=fail mistake=farthest_point */
/* "Spread the centroids out": after the first (random) pick, each new
 * centroid is the point farthest from the ones chosen so far.  That is the
 * deterministic farthest-first traversal, not k-means++: it ignores u and
 * loves outliers. */
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *D = malloc(sizeof(double) * n);
    int p = (int)(u[0] * n);
    if (p >= n)
        p = n - 1;
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            p = 0;
            for (int i = 1; i < n; i++)
                if (D[i] > D[p])
                    p = i;
        }
        idx[c] = p;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[p * d + l];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++)
                s += (X[i * d + l] - C[c * d + l]) * (X[i * d + l] - C[c * d + l]);
            if (c == 0 || s < D[i])
                D[i] = s;
        }
    }
    free(D);
}
