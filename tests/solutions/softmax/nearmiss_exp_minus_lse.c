/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the softmax through log space, P = exp(z - logsumexp(z)) with a
 * stable log-sum-exp.  Nothing overflows, and around +-1000 it is exact to
 * 1e-13; but logsumexp(z) = m + log(sum) is rounded to the spacing of the
 * logits' magnitude (0.002 near 1e13), and that error lands in the exponent:
 * every probability is off by up to 0.2%. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = fmax(m, z[j]);
        double sum = 0.0;
        for (int j = 0; j < k; j++)
            sum += exp(z[j] - m);
        double lse = m + log(sum);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = exp(z[j] - lse);
    }
}
