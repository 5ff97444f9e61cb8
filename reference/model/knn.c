/* Model answer: k-nearest-neighbour classification by majority vote. */
#include <stdlib.h>

/* The winning label among the k neighbours ni[0..k), nearest first (nd
 * holds their distances). A tied count goes to the label whose nearest
 * neighbour is nearer, so the first label met wins unless the other's
 * nearest is exactly as near and its label lower. O(k^2): k is small. */
static int vote(const double *nd, const int *ni, int k, const int *y)
{
    int best = 0, best_count = 0;
    for (int r = 0; r < k; r++) {
        int count = 0;
        for (int t = 0; t < k; t++)
            count += y[ni[t]] == y[ni[r]];
#if MISTAKE(tie_by_label)
        if (count > best_count || (count == best_count && y[ni[r]] < y[ni[best]])) {
#else
        if (count > best_count ||
            (count == best_count && nd[r] == nd[best] && y[ni[r]] < y[ni[best]])) {
#endif
            best = r;
            best_count = count;
        }
    }
    return y[ni[best]];
}

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;    /* every training point is a neighbour */
    double *nd = malloc(sizeof *nd * k);    /* the k nearest so far, sorted */
    int *ni = malloc(sizeof *ni * k);
    if (!nd || !ni)
        goto done;    /* out of memory */
    for (int i = 0; i < m; i++) {
        const double *q = Q + (size_t)i * d;
        int len = 0;
        for (int j = 0; j < n; j++) {
            /* sum (x_l - q_l)^2 directly: ||x||^2 + ||q||^2 - 2 x.q cancels
             * most digits for points far from the origin */
            double dist = 0;
            for (int l = 0; l < d; l++) {
                double t = X[(size_t)j * d + l] - q[l];
                dist += t * t;
            }
            if (len == k && dist >= nd[k - 1])
                continue;
            /* insert after every equal distance: lower indices come first */
            int p = len < k ? len++ : k - 1;
            for (; p > 0 && nd[p - 1] > dist; p--) {
                nd[p] = nd[p - 1];
                ni[p] = ni[p - 1];
            }
            nd[p] = dist;
            ni[p] = j;
        }
        pred[i] = vote(nd, ni, k, y);
    }
done:
    free(nd);
    free(ni);
}
