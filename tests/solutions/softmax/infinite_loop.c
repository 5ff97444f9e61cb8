/* expect: status=graded passed=no case=timeout */
/* The max loop was rewritten as for (;;) with a break and lost its j++: it
 * spins forever on the first row with more than one column. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        int j = 1;
        for (;;) {
            if (j >= k)
                break;
            if (z[j] > m)
                m = z[j];
        }
        double s = 0.0;
        for (j = 0; j < k; j++) {
            P[(long)i * k + j] = exp(z[j] - m);
            s += P[(long)i * k + j];
        }
        for (j = 0; j < k; j++)
            P[(long)i * k + j] /= s;
    }
}
