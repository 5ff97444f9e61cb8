/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote 8 bytes past the end of a block of 40 bytes it allocated (malloc), found when a block was freed */
/* A block of n * k exponentials one element short: the last store lands
 * just past a malloc'd block, where no guard page is.  The canaries after
 * it are seen changed when the block is freed (first case: n = 2, k = 3,
 * a block of 5 doubles). */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = malloc(sizeof(double) * ((size_t)n * (size_t)k - 1));
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *ei = e + (long)i * k, m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += ei[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = ei[j] / s;
    }
    free(e);
}
