/* expect: status=graded passed=no case=timeout */
/* says: did not finish within */
/* The normalisation loop counts j down but tests j < k: it never ends. */
#include <math.h>

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
        for (volatile int j = k - 1; j < k; j--)
            p[j < 0 ? 0 : j] /= s;
    }
}
