/* expect: status=graded passed=no correctness=fail mistake=none */
/* Direct distances and a sorted buffer of the k nearest so far, each new
 * point shifted in while the one before it is "not nearer" (>=): points at
 * equal distances end up in reverse index order.  The set is still right
 * while the buffer fills, but when a nearer point arrives later, the one
 * pushed out of the k-th place is the lower index of a tie, not the
 * higher. */
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    double *nd = malloc(sizeof(double) * k);
    int *ni = malloc(sizeof(int) * k);
    if (!nd || !ni)
        goto done;
    for (int i = 0; i < m; i++) {
        const double *q = Q + (long)i * d;
        int len = 0;
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double t = X[(long)j * d + l] - q[l];
                s += t * t;
            }
            if (len == k && s >= nd[k - 1])
                continue;
            int p = len < k ? len++ : k - 1;
            while (p > 0 && nd[p - 1] >= s) {
                nd[p] = nd[p - 1];
                ni[p] = ni[p - 1];
                p--;
            }
            nd[p] = s;
            ni[p] = j;
        }
        /* the vote: most neighbours; on a tie, the label met first (its
         * nearest member is nearer), or the lower one if exactly as near */
        int best = 0, best_count = 0;
        for (int r = 0; r < k; r++) {
            int c = 0;
            for (int t = 0; t < k; t++)
                c += y[ni[t]] == y[ni[r]];
            if (c > best_count ||
                (c == best_count && nd[r] == nd[best] && y[ni[r]] < y[ni[best]])) {
                best = r;
                best_count = c;
            }
        }
        pred[i] = y[ni[best]];
    }
done:
    free(nd);
    free(ni);
}
