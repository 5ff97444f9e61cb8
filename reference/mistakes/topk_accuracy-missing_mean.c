/* Mistake variant topk_accuracy/missing_mean.
 *
 * Returns the number of hits instead of the fraction of rows.  Everything
 * else is identical to the reference. */
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
        return (double)n;    /* every row is a hit: the count, not the fraction */

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
    return (double)hits;
}
