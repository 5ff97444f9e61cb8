/* Model answer: one-hot encoding with every label checked first. */
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 ||
        k < 1)    /* (with k = 0 the label check would reject every label) */
        return -1;
    /* every label is checked before anything is written: a bad one would
     * write outside its row, or outside Y */
    for (int i = 0; i < n; i++) {
#if !MISTAKE(accepts_negative)
        if (y[i] < 0)
            return -1;
#endif
#if MISTAKE(accepts_k)
        if (y[i] > k)
#else
        if (y[i] >= k)    /* the valid labels are 0..k-1 */
#endif
            return -1;
    }
#if !MISTAKE(not_zeroed)
    memset(Y, 0, sizeof(double) * n * k);    /* Y holds garbage on entry */
#endif
    for (int i = 0; i < n; i++)
        Y[i * k + y[i]] = 1;
    return 0;
}
