/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the running maximum is declared once, outside the row loop,
 * and never reset, so row i is shifted by the largest logit of rows 0..i.
 * Right while no row sits far below an earlier one; a row 800 below gets
 * sum exp(z - m) = 0 and lse = -inf.  It never takes -log of a
 * probability, so log_zero is not its mistake. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double total = 0.0, m = Z[0];

    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double sum = 0.0;

        for (int j = 0; j < k; j++)
            if (z[j] > m)
                m = z[j];
        for (int j = 0; j < k; j++)
            sum += exp(z[j] - m);
        lse[i] = m + log(sum);
        total += lse[i] - z[y[i]];
    }
    return total / n;
}
