/* expect: status=graded passed=no stability=fail mistake=accepts_k mistake=accepts_negative case=crash */
/* No validation at all ("the labels are always fine"): returns 0 for any
 * input, and a label of k in the last row -- or a corrupted huge label --
 * writes outside Y. */
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    memset(Y, 0, sizeof(double) * n * k);
    for (int i = 0; i < n; i++)
        Y[(long)i * k + y[i]] = 1.0;
    return 0;
}
