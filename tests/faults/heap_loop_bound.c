/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote 8 bytes past the end of a block of 24 bytes it allocated (malloc), found when the call returned */
/* A loop bound j <= k over a scratch row of k doubles, and the row never
 * freed: nothing checks the block before the call returns, when every
 * block still allocated is looked at (first case: k = 3). */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = malloc(sizeof(double) * (size_t)k);
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j <= k; j++)
            e[j] = j < k ? exp(z[j] - m) : 0.0;
        for (int j = 0; j < k; j++)
            s += e[j];
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = e[j] / s;
    }
}
