/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Validate everything first; then fill Y with zeros by broadcasting one
 * zero with cblas_dcopy (source stride 0) and set the ones. */
#include <cblas.h>

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    const double zero = 0.0;
    cblas_dcopy(n * k, &zero, 0, Y, 1);
    for (int i = 0; i < n; i++)
        Y[(long)i * k + y[i]] = 1.0;
    return 0;
}
