/* Reference: one-hot encoding with bounds-checked labels.
 *
 *   Y[i][c] = 1 if c == y[i], else 0        (Y is n-by-k, row-major)
 *
 * Every label is checked before anything is written, so an invalid call
 * returns -1 and leaves Y untouched; a valid one zeroes Y in one memset
 * (all-bits-zero is 0.0 in IEEE 754) and writes the n ones.  Returns 0, or
 * -1 when n < 1, k < 1 or some label is outside 0..k-1. */
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
    memset(Y, 0, sizeof(double) * (size_t)n * (size_t)k);
    for (int i = 0; i < n; i++)
        Y[(size_t)i * (size_t)k + (size_t)y[i]] = 1.0;
    return 0;
}
