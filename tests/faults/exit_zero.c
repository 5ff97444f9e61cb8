/* expect: status=graded passed=no case=crash */
/* says: ended with exit(0) inside the solution */
/* Tested as a program first: the exit(0) at the end of what used to be
 * main() survived the move into the function. */
#include <math.h>
#include <stdlib.h>

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
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
    exit(0);
}
