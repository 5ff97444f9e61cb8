/* expect: status=graded passed=no stability=fail mistake=no_max_shift */
/* Straight from the definition: log of the sum of exp(z).  Works on the
 * examples, but exp(1000) is inf and exp(-1000) is 0, so the huge and very
 * negative rows come out as inf and -inf. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double ce = 0.0;
    for (int i = 0; i < n; i++) {
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(Z[i * k + j]);
        lse[i] = log(s);
        ce += lse[i] - Z[i * k + y[i]];
    }
    return ce / n;
}
