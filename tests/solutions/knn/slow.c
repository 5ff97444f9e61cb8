/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but the k nearest are found by k rounds of "find the nearest
 * point not chosen yet", and each round measures every distance again:
 * O(m n d k) instead of O(m n d). */
#include <stdlib.h>

static double dist2(const double *a, const double *b, int d)
{
    double s = 0.0;
    for (int l = 0; l < d; l++) /* hot */
        s += (a[l] - b[l]) * (a[l] - b[l]);
    return s;
}

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    int *nb = malloc(sizeof(int) * k);
    double *nd = malloc(sizeof(double) * k);
    for (int i = 0; i < m; i++) {
        const double *q = Q + (long)i * d;
        for (int r = 0; r < k; r++) {
            int best = -1;
            double bd = 0.0;
            for (int j = 0; j < n; j++) {
                double dj = dist2(X + (long)j * d, q, d);
                /* skip points already chosen: strictly nearer than the last
                 * pick, or as near with a lower index */
                if (r > 0 && (dj < nd[r - 1] || (dj == nd[r - 1] && j <= nb[r - 1])))
                    continue;
                if (best < 0 || dj < bd) {
                    best = j;
                    bd = dj;
                }
            }
            nb[r] = best;
            nd[r] = bd;
        }
        int win = 0, wc = 0;
        for (int t = 0; t < k; t++) {
            int c = 0;
            for (int u = 0; u < k; u++)
                c += y[nb[u]] == y[nb[t]];
            if (c > wc || (c == wc && nd[t] == nd[win] && y[nb[t]] < y[nb[win]])) {
                win = t;
                wc = c;
            }
        }
        pred[i] = y[nb[win]];
    }
    free(nb);
    free(nd);
}
