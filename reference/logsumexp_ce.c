/* Reference: row-wise log-sum-exp and the mean cross-entropy.
 *
 *   lse[i] = log sum_j exp(Z[i][j]) = m_i + log sum_j exp(Z[i][j] - m_i),
 *            m_i = max_j Z[i][j]
 *   CE     = (1/n) sum_i (lse[i] - Z[i][y[i]])     (returned)
 *
 * The shift by the row maximum makes the largest term exp(0) = 1: nothing
 * overflows, the sum is at least 1 so its log is finite, and the loss is
 * taken in log space, so a true class with a tiny probability gives a large
 * finite loss instead of -log(0) = inf.  Two tight passes per row, no
 * allocation.  Returns NaN for n < 1 or k < 1. */
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
    return total / n;
}
