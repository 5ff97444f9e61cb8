/* expect: status=graded passed=no case=crash */
/* A correct k-means that ends with exit(0) -- pasted from a main() that was
 * used for testing -- so the calling process dies before returning. */
#include <math.h>
#include <stdlib.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *sums = malloc(sizeof(double) * k * d);
    int *counts = malloc(sizeof(int) * k);
    if (!sums || !counts)
        exit(1);
    int t;
    for (t = 0; t < max_iter; t++) {
        double tot = 0.0;
        for (int j = 0; j < k * d; j++)
            sums[j] = 0.0;
        for (int j = 0; j < k; j++)
            counts[j] = 0;
        for (int i = 0; i < n; i++) {
            int c = 0;
            double bd = INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0.0;
                for (int l = 0; l < d; l++)
                    s += (X[i * d + l] - C[j * d + l]) * (X[i * d + l] - C[j * d + l]);
                if (s < bd) {
                    bd = s;
                    c = j;
                }
            }
            labels[i] = c;
            tot += bd;
            counts[c]++;
            for (int l = 0; l < d; l++)
                sums[c * d + l] += X[i * d + l];
        }
        inertia[t] = tot;
        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            if (counts[j] == 0)
                continue;
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double m = sums[j * d + l] / counts[j];
                s += (m - C[j * d + l]) * (m - C[j * d + l]);
                C[j * d + l] = m;
            }
            if (sqrt(s) > moved)
                moved = sqrt(s);
        }
        if (moved <= tol) {
            t++;
            break;
        }
    }
    free(sums);
    free(counts);
    exit(0);
}
