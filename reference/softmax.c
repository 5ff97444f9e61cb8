/* Reference: row-wise softmax of the n-by-k row-major matrix Z into P.
 *
 * Numerically stable: each row is shifted by its maximum before exp, so the
 * largest exponent is exp(0) = 1 and nothing overflows; the row sum is then
 * at least 1, so the division is safe.  Three tight passes per row (max,
 * exp + sum, scale), no allocation.  P may not alias Z. */
#include <math.h>
#include <stddef.h>

void softmax(const double *Z, int n, int k, double *P)
{
    if (n < 1 || k < 1)
        return;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * (size_t)k;
        double *p = P + (size_t)i * (size_t)k;

        /* Row maximum; four independent chains for instruction-level
         * parallelism (max is exact, so the order does not matter). */
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

        double s = 0.0;
        for (j = 0; j < k; j++) {
            const double e = exp(z[j] - m);
            p[j] = e;
            s += e;
        }

        const double inv = 1.0 / s;
        for (j = 0; j < k; j++)
            p[j] *= inv;
    }
}
