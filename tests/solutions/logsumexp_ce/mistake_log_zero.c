/* expect: status=graded passed=no stability=fail mistake=log_zero */
/* lse is stable (max shift), but the loss goes through the softmax: p of
 * the true class, then -log(p).  When the true class is 1000 below the max
 * p underflows to exactly 0 and the loss is inf. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double ce = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - m);
        lse[i] = m + log(s);
        double p = exp(z[y[i]] - m) / s;
        ce -= log(p);
    }
    return ce / n;
}
