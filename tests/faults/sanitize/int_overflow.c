/* expect: status=graded passed=no case=crash */
/* says: UndefinedBehaviorSanitizer: signed integer overflow */
/* Sizes a scratch area as n*k*k*4096 bytes "to be safe", in int: for the
 * wide case the product overflows, which is undefined behaviour in C
 * (without the sanitizer the wrapped, negative size silently skips the
 * scratch area, and the answers even stay right). */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    int need = n * k * k * 4096;
    char *scratch = need > 0 ? malloc((size_t)need) : NULL;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
    free(scratch);
}
