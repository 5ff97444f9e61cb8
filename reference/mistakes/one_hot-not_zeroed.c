/* Mistake variant one_hot/not_zeroed.
 *
 * Writes the ones but never zeroes the rest of Y, as if the caller's buffer
 * started out zeroed (malloc'd memory does not).  Everything else is
 * identical to the reference. */
#include <stddef.h>
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    /* one unsigned comparison rejects both negative labels and labels >= k */
    for (int i = 0; i < n; i++)
        if ((unsigned)y[i] >= (unsigned)k)
            return -1;
    for (int i = 0; i < n; i++)
        Y[(size_t)i * (size_t)k + (size_t)y[i]] = 1.0;
    return 0;
}
