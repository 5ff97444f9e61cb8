/* expect: status=graded passed=no case=crash */
/* says: segmentation fault: invalid memory */
/* An index computed with the wrong stride walks far past any buffer: the
 * row offset uses i * k * k instead of i * k, so the first rows work and
 * then the store lands in unmapped memory. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *scratch = P + (long)(1 << 28);  /* "a scratch row after P" */
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            scratch[j] = exp(z[j] - m);
            s += scratch[j];
        }
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = scratch[j] / s;
    }
}
