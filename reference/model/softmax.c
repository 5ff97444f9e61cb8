/* Model answer: row-wise softmax, finite for any logits. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + i * k;
        double *p = P + i * k;
        /* the max shift: exp(z - m) <= 1 never overflows, and the sum is at
         * least 1, so a very negative row is not 0/0; m cancels in the
         * ratio */
#if MISTAKE(no_max_shift)
        double m = 0;
#else
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = fmax(m, z[j]);
#endif
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = exp(z[j] - m);
            sum += p[j];
        }
        for (int j = 0; j < k; j++)
            p[j] /= sum;
    }
}
