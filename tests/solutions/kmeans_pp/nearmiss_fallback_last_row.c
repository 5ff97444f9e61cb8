/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: plain loops, right everywhere but the fallback for a running
 * sum that never passes u[c] * S: it takes the last row, where the
 * statement says the last i with D_i > 0.  With finite distances summed in
 * index order the walk always passes; when a squared distance overflows to
 * inf, S and u[c] * S are inf, nothing passes, and the last row may be a
 * chosen point (D = 0). */
#include <stdlib.h>
#include <string.h>

static int uniform_index(double u, int n)
{
    int i = (int)(u * n);
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
}

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *dist = malloc(sizeof(double) * n);
    if (!dist)
        return;
    int chosen = uniform_index(u[0], n);
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            double total = 0.0;
            for (int i = 0; i < n; i++)
                total += dist[i];
            if (total == 0.0) {
                chosen = uniform_index(u[c], n);
            } else {
                double target = u[c] * total, run = 0.0;
                chosen = -1;
                for (int i = 0; i < n && chosen < 0; i++) {
                    run += dist[i];
                    if (run > target)
                        chosen = i;
                }
                if (chosen < 0)
                    chosen = n - 1;     /* rounding: u[c] * total == total */
            }
        }
        idx[c] = chosen;
        const double *ctr = X + (long)chosen * d;
        memcpy(C + (long)c * d, ctr, sizeof(double) * d);
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double t = X[(long)i * d + l] - ctr[l];
                s += t * t;
            }
            if (c == 0 || s < dist[i])
                dist[i] = s;
        }
    }
    free(dist);
}
