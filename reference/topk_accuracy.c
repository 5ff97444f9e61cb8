/* Reference: top-k accuracy.
 *
 * Row i counts as a hit when its true class y[i] is among the k largest
 * entries of P[i][.], ties broken towards the lower class index (the order
 * a stable descending sort gives).  That is the case exactly when fewer
 * than k classes come before y[i]:
 *
 *   rank_i = #{ j < y[i] : P[i][j] >= P[i][y[i]] } + #{ j > y[i] : P[i][j] > P[i][y[i]] }
 *   hit_i  = rank_i < k,          returned: (1/n) sum_i hit_i
 *
 * so no sort and no selection is needed: one branch-free counting pass per
 * row, O(c), which the compiler can vectorise.  The pass goes in blocks
 * and stops once k classes are known to come first (a miss needs no more
 * reading).  Returns -1 for n < 1, c < 1, k < 1 or a label outside
 * 0..c-1. */
#include <stddef.h>

enum { BLOCK = 256 };    /* classes counted between early-exit tests */

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1.0;
    for (int i = 0; i < n; i++)
        if ((unsigned)y[i] >= (unsigned)c)
            return -1.0;
    if (k >= c)
        return 1.0;    /* every class is in the top c */

    long hits = 0;
    for (int i = 0; i < n; i++) {
        const double *p = P + (size_t)i * (size_t)c;
        const int t = y[i];
        const double v = p[t];
        /* classes ahead of t: ties count when they sit at a lower index */
        int before = 0;
        for (int j0 = 0; j0 < t && before < k; j0 += BLOCK) {
            const int j1 = j0 + BLOCK < t ? j0 + BLOCK : t;
            for (int j = j0; j < j1; j++)
                before += p[j] >= v;
        }
        for (int j0 = t + 1; j0 < c && before < k; j0 += BLOCK) {
            const int j1 = j0 + BLOCK < c ? j0 + BLOCK : c;
            for (int j = j0; j < j1; j++)
                before += p[j] > v;
        }
        hits += before < k;
    }
    return (double)hits / n;
}
