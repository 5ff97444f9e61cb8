/* Mistake variant topk_accuracy/wrong_axis.
 *
 * P is read as if it were stored column by column (entry (i, j) at
 * P[j*n + i]): each "row" mixes the scores of different samples.
 * Everything else is identical to the reference. */
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
        const double *p = P + i;    /* column-major by mistake: stride n */
        const int t = y[i];
        const double v = p[(size_t)t * n];
        /* classes ahead of t: ties count when they sit at a lower index */
        int before = 0;
        for (int j0 = 0; j0 < t && before < k; j0 += BLOCK) {
            const int j1 = j0 + BLOCK < t ? j0 + BLOCK : t;
            for (int j = j0; j < j1; j++)
                before += p[(size_t)j * n] >= v;
        }
        for (int j0 = t + 1; j0 < c && before < k; j0 += BLOCK) {
            const int j1 = j0 + BLOCK < c ? j0 + BLOCK : c;
            for (int j = j0; j < j1; j++)
                before += p[(size_t)j * n] > v;
        }
        hits += before < k;
    }
    return (double)hits / n;
}
