/* Mistake variant logsumexp_ce/no_max_shift.
 *
 * The exponentials are taken of the raw logits: lse[i] = log sum_j exp(Z[i][j]).
 * Right for small logits; above ~709 exp overflows and lse is inf, below
 * ~-745 every term underflows and lse is log(0) = -inf (the loss is then
 * inf or NaN).  Everything else is identical to the reference.  The grader
 * runs this variant on the failing cases and names the mistake when the
 * learner's outputs match it. */
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
        (void)m;    /* the mistake: computed, but not used as a shift */

        /* sum of shifted exponentials, two chains */
        double s0 = 0.0, s1 = 0.0;
        for (j = 0; j + 1 < k; j += 2) {
            s0 += exp(z[j]);
            s1 += exp(z[j + 1]);
        }
        if (j < k)
            s0 += exp(z[j]);

        lse[i] = log(s0 + s1);
        total += lse[i] - z[y[i]];
    }
    return total / n;
}
