/* expect: status=graded passed=no correctness=fail mistake=last_centroid_only */
/* The distances are recomputed from the centroid just chosen -- and only
 * that one -- so a point next to an older centroid still looks far away,
 * and earlier centroids can even be chosen again. */
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *w = malloc(sizeof(double) * n);
    int cur = (int)(u[0] * n);
    if (cur > n - 1)
        cur = n - 1;
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            const double *last = C + (c - 1) * d;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    double t = X[i * d + l] - last[l];
                    s += t * t;
                }
                w[i] = s;
                total += s;
            }
            if (total > 0) {
                double r = u[c] * total, run = 0;
                int last_pos = 0;
                cur = -1;
                for (int i = 0; i < n && cur < 0; i++) {
                    run += w[i];
                    if (w[i] > 0)
                        last_pos = i;
                    if (run > r)
                        cur = i;
                }
                if (cur < 0)
                    cur = last_pos;
            } else {
                cur = (int)(u[c] * n);
                if (cur > n - 1)
                    cur = n - 1;
            }
        }
        idx[c] = cur;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[cur * d + l];
    }
    free(w);
}
