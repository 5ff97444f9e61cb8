/* expect: status=graded passed=no case=crash */
/* says: AddressSanitizer: heap-buffer-overflow (WRITE of size 8) at heap_overflow.c:18 */
/* The scratch row is one element short (k - 1), and the exp loop writes
 * all k: the last store lands just past a malloc'd block, which guard
 * pages cannot see but AddressSanitizer can. */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = malloc(sizeof(double) * (size_t)(k > 1 ? k - 1 : 1));
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++) {
            e[j] = exp(z[j] - m);
            s += e[j];
        }
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = e[j] / s;
    }
    free(e);
}
