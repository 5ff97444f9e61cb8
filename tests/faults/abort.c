/* expect: status=graded passed=no case=crash */
/* says: abort() was called */
/* A sanity check left in: the author asserted that every row sums to
 * exactly 1.0, which rounding almost never gives. */
#include <assert.h>
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0, check = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            check += p[j] /= s;
        assert(check == 1.0 && k == -1);
    }
}
