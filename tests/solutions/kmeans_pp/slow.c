/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but for every new centroid each point's distance to the nearest
 * centroid is found again from scratch, against all the centroids chosen
 * so far: O(n k^2 d) instead of O(n k d). */
#include <stdlib.h>

static double nearest(const double *x, const double *C, int c, int d)
{
    double best = 0;
    for (int j = 0; j < c; j++) { /* hot */
        double s = 0;
        for (int l = 0; l < d; l++)
            s += (x[l] - C[j * d + l]) * (x[l] - C[j * d + l]);
        if (j == 0 || s < best)
            best = s;
    }
    return best;
}

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *D = malloc(sizeof(double) * n);
    for (int c = 0; c < k; c++) {
        int p;
        double S = 0;
        if (c > 0)
            for (int i = 0; i < n; i++) {
                D[i] = nearest(X + (long)i * d, C, c, d);
                S += D[i];
            }
        if (S > 0) {
            double run = 0;
            p = -1;
            for (int i = 0; i < n && p < 0; i++) {
                run += D[i];
                if (run > u[c] * S)
                    p = i;
            }
            if (p < 0)
                for (p = n - 1; D[p] == 0; p--)
                    ;
        } else {
            p = (int)(u[c] * n);
            if (p >= n)
                p = n - 1;
        }
        idx[c] = p;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[(long)p * d + l];
    }
    free(D);
}
