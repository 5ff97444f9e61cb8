/* expect: status=graded passed=no stability=fail mistake=accepts_negative */
/* Only the upper bound is checked ("labels start at 0 anyway"), so a
 * label of -1 is accepted and its 1 goes into the previous row. */
#include <string.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    for (int i = 0; i < n; i++)
        if (y[i] >= k)
            return -1;
    memset(Y, 0, sizeof(double) * n * k);
    for (int i = 0; i < n; i++)
        Y[i * k + y[i]] = 1.0;
    return 0;
}
