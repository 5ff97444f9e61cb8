/* expect: status=graded passed=no case=crash */
/* says: AddressSanitizer: heap-use-after-free (READ of size 8) at use_after_free.c:26 */
/* Frees the scratch row at the end of the first row's loop instead of
 * after the last row: every later row reads freed memory, which usually
 * still holds the old values, so without the sanitizer the answers can
 * even look right. */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = malloc(sizeof(double) * (size_t)k);
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        if (i == 0)
            for (int j = 0; j < k; j++)
                e[j] = exp(z[j] - m);
        s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - m);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = (i == 0 ? e[j] : exp(z[j] - m)) / s + 0 * e[j];
        if (i == 0)
            free(e);
    }
}
