/* Mistake variant logsumexp_ce/missing_mean.
 *
 * The loss is the sum of the rows' cross-entropies, not their mean (no
 * division by n).  Everything else is identical to the reference. */
#include <math.h>
#include <stddef.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    if (n < 1 || k < 1)
        return NAN;
    double total = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * (size_t)k;

        /* row maximum, four independent chains (max is exact in any order) */
        double m0 = z[0], m1 = z[0], m2 = z[0], m3 = z[0];
        int j = 1;
        for (; j + 3 < k; j += 4) {
            m0 = z[j] > m0 ? z[j] : m0;
            m1 = z[j + 1] > m1 ? z[j + 1] : m1;
            m2 = z[j + 2] > m2 ? z[j + 2] : m2;
            m3 = z[j + 3] > m3 ? z[j + 3] : m3;
        }
        for (; j < k; j++)
            m0 = z[j] > m0 ? z[j] : m0;
        m0 = m1 > m0 ? m1 : m0;
        m2 = m3 > m2 ? m3 : m2;
        const double m = m2 > m0 ? m2 : m0;

        /* sum of shifted exponentials, two chains */
        double s0 = 0.0, s1 = 0.0;
        for (j = 0; j + 1 < k; j += 2) {
            s0 += exp(z[j] - m);
            s1 += exp(z[j + 1] - m);
        }
        if (j < k)
            s0 += exp(z[j] - m);

        lse[i] = m + log(s0 + s1);
        total += lse[i] - z[y[i]];
    }
    return total;
}
