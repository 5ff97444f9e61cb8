/* expect: status=graded passed=no case=crash */
/* Meant to keep the exponentials in a scratch row, but the malloc never got
 * written: the scratch pointer is NULL and the first store faults. */
#include <math.h>
#include <stddef.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = NULL;   /* TODO: e = malloc(k * sizeof *e); */
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            e[j] = exp(z[j] - m);
            s += e[j];
        }
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = e[j] / s;
    }
}
