/* expect: status=graded passed=no stability=fail mistake=accepts_k */
/* The bounds check is off by one: y > k instead of y >= k.  A label equal
 * to k slips through; in the last row its 1 lands past the end of Y. */
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] > k)
            return -1;
    memset(Y, 0, sizeof(double) * n * k);
    for (int i = 0; i < n; i++)
        Y[i * k + y[i]] = 1.0;
    return 0;
}
