/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops with small helpers: find the row max, exponentiate the
 * shifted logits while summing them, then divide.  Shifting by the max
 * keeps every exponent <= 0, so nothing overflows and the sum is >= 1. */
#include <math.h>

static double row_max(const double *z, int k)
{
    double m = z[0];
    for (int j = 1; j < k; j++)
        if (z[j] > m)
            m = z[j];
    return m;
}

static void softmax_row(const double *z, int k, double *p)
{
    double m = row_max(z, k);
    double total = 0.0;
    for (int j = 0; j < k; j++) {
        p[j] = exp(z[j] - m);
        total += p[j];
    }
    for (int j = 0; j < k; j++)
        p[j] = p[j] / total;
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++)
        softmax_row(Z + (long)i * k, k, P + (long)i * k);
}
