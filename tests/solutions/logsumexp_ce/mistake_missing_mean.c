/* expect: status=graded passed=no correctness=fail mistake=missing_mean */
/* Everything stable, but the function returns the total loss over the
 * batch instead of its mean. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double total = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - m);
        lse[i] = m + log(s);
        total += lse[i] - z[y[i]];
    }
    return total;
}
