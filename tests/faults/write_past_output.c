/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote 8 bytes past the end of output P */
/* An off-by-one in the last loop: j <= k writes one element past each
 * row, and past the end of P on the last row. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j <= k; j++)
            p[j] = j < k ? p[j] / s : 0.0;
    }
}
