/* Mistake variant one_hot/accepts_k.
 *
 * Off by one in the bounds check: labels are rejected only when they are
 * greater than k, so a label equal to k is accepted and its 1 lands in the
 * next row (or past the end of Y for the last row).  Everything else is
 * identical to the reference. */
#include <stddef.h>
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    /* one unsigned comparison rejects both negative labels and labels > k */
    for (int i = 0; i < n; i++)
        if ((unsigned)y[i] > (unsigned)k)
            return -1;
    memset(Y, 0, sizeof(double) * (size_t)n * (size_t)k);
    for (int i = 0; i < n; i++)
        Y[(size_t)i * (size_t)k + (size_t)y[i]] = 1.0;
    return 0;
}
