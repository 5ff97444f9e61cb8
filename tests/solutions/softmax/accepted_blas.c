/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Max shift per row, then let CBLAS do the reductions: the exponentials are
 * all positive, so their sum is cblas_dasum, and the normalisation is a
 * cblas_dscal by 1/sum. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * k;
        double *p = P + (size_t)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = fmax(m, z[j]);
        for (int j = 0; j < k; j++)
            p[j] = exp(z[j] - m);
        cblas_dscal(k, 1.0 / cblas_dasum(k, p, 1), p, 1);
    }
}
