/* expect: status=graded passed=no case=crash */
/* Computes the right P, then a leftover line from testing it as a program
 * ends the whole process. */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            p[j] = exp(z[j] - m);
            s += p[j];
        }
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
    exit(0);
}
