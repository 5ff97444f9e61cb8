/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the row max stops one column early (j < k - 1, "the last one is
 * compared in the next loop anyway").  Shifting by any constant leaves the
 * softmax unchanged, so every ordinary row is still right; only a row whose
 * last logit is the largest by more than ~709 overflows exp to inf. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k - 1; j++)
            if (z[j] > m)
                m = z[j];
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            p[j] = exp(z[j] - m);
            sum += p[j];
        }
        for (int j = 0; j < k; j++)
            p[j] /= sum;
    }
}
