/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the row max stops one column early (j < k - 1).  Any shift
 * gives the same log-sum-exp, so ordinary rows are right; only a row whose
 * last logit is the largest by more than ~709 overflows exp to inf. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double total = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k - 1; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - m);
        lse[i] = m + log(s);
        total += lse[i] - z[y[i]];
    }
    return total / n;
}
