/* expect: status=graded passed=no correctness=fail case=memory mistake=none */
/* Exact distances and the k nearest by repeated selection, then a count
 * array indexed by label, sized by the largest label seen (the statement
 * says the labels need not be 0..c-1, so it does not assume c).  Fine for
 * labels up to a few thousand; with a label of 2e9 the array needs 8 GB. */
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    int maxl = 0;
    for (int j = 0; j < n; j++)
        if (y[j] > maxl)
            maxl = y[j];
    double *dist = malloc(sizeof(double) * n);
    char *taken = malloc(n);
    int *cnt = calloc((size_t)maxl + 1, sizeof(int));
    double *first = malloc(sizeof(double) * ((size_t)maxl + 1));
    for (int i = 0; i < m; i++) {
        const double *q = Q + (long)i * d;
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double t = X[(long)j * d + l] - q[l];
                s += t * t;
            }
            dist[j] = s;
            taken[j] = 0;
        }
        int *picked = malloc(sizeof(int) * k);
        for (int r = 0; r < k; r++) {
            int b = -1;
            for (int j = 0; j < n; j++)
                if (!taken[j] && (b < 0 || dist[j] < dist[b]))
                    b = j;
            taken[b] = 1;
            picked[r] = y[b];
            if (cnt[y[b]]++ == 0)
                first[y[b]] = dist[b];
        }
        int w = picked[0];
        for (int r = 1; r < k; r++) {
            int l = picked[r];
            if (cnt[l] > cnt[w] || (cnt[l] == cnt[w] && first[l] == first[w] && l < w))
                w = l;
        }
        pred[i] = w;
        for (int r = 0; r < k; r++)
            cnt[picked[r]] = 0;
        free(picked);
    }
    free(dist);
    free(taken);
    free(cnt);
    free(first);
}
