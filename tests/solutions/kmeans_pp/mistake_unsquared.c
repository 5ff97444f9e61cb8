/* expect: status=graded passed=no correctness=fail mistake=unsquared */
/* Keeps the plain Euclidean distance to the nearest centroid (with the
 * sqrt) and samples in proportion to it -- "probability proportional to
 * distance" -- instead of the squared distance. */
#include <math.h>
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *dist = malloc(sizeof(double) * n);
    int p = (int)(u[0] * n);
    if (p >= n)
        p = n - 1;
    for (int i = 0; i < n; i++)
        dist[i] = INFINITY;
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            double S = 0;
            for (int i = 0; i < n; i++)
                S += dist[i];
            if (S == 0) {
                p = (int)(u[c] * n);
                if (p >= n)
                    p = n - 1;
            } else {
                double acc = 0;
                p = n - 1;
                for (int i = 0; i < n; i++) {
                    acc += dist[i];
                    if (acc > u[c] * S) {
                        p = i;
                        break;
                    }
                }
            }
        }
        idx[c] = p;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[p * d + l];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++)
                s += (X[i * d + l] - X[p * d + l]) * (X[i * d + l] - X[p * d + l]);
            s = sqrt(s);
            if (s < dist[i])
                dist[i] = s;
        }
    }
    free(dist);
}
