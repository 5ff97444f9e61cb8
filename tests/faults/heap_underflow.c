/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote 8 bytes before the start of a block of 24 bytes it allocated (calloc) */
/* The row maximum is kept in e[-1], one element before a calloc'd
 * scratch row: a write before the start of a block of its own (first
 * case: k = 3). */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = calloc((size_t)k, sizeof(double));
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double s = 0.0;
        e[-1] = z[0];
        for (int j = 1; j < k; j++)
            e[-1] = z[j] > e[-1] ? z[j] : e[-1];
        for (int j = 0; j < k; j++)
            s += e[j] = exp(z[j] - e[-1]);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = e[j] / s;
    }
    free(e);
}
