/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote 8 bytes past the end of a block of 16 bytes it allocated (realloc), found when a block was reallocated */
/* A buffer grown with realloc for each row, sized for the row's k
 * values minus one: the last value of row 0 is written past the block,
 * and realloc for row 1 finds it (first case: n = 2, k = 3). */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = NULL;
    for (int i = 0; i < n; i++) {
        e = realloc(e, sizeof(double) * ((size_t)(i + 1) * (size_t)k - 1));
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
