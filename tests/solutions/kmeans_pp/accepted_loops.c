/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops.  dist[i] holds the squared distance from x_i to its nearest
 * chosen centre; each new centre lowers it where it is closer.  The pick is
 * a walk along the running sum until it passes u[c] times the total; when
 * the total is 0 every point already is a centre and the rule falls back to
 * floor(u[c] n). */
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
                int last = 0;
                for (int i = 0; i < n && chosen < 0; i++) {
                    run += dist[i];
                    if (dist[i] > 0)
                        last = i;
                    if (run > target)
                        chosen = i;
                }
                if (chosen < 0)
                    chosen = last;      /* rounding: u[c] * total == total */
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
