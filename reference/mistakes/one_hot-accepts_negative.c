/* Mistake variant one_hot/accepts_negative.
 *
 * Only the upper bound is checked (signed comparison y >= k), so a negative
 * label is accepted and its 1 lands in the previous row (or before the
 * start of Y).  Everything else is identical to the reference. */
#include <stddef.h>
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    /* labels >= k are rejected */
    for (int i = 0; i < n; i++)
        if (y[i] >= k)
            return -1;
    memset(Y, 0, sizeof(double) * (size_t)n * (size_t)k);
    for (int i = 0; i < n; i++)
        Y[(ptrdiff_t)i * k + y[i]] = 1.0;
    return 0;
}
