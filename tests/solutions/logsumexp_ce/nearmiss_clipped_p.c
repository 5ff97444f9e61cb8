/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: lse is stable, and the loss goes through the softmax with the
 * usual guard, -log(max(p, 1e-15)).  That keeps it finite, but a true class
 * 1000 below the max has a loss of about 1000, not 34.5: the clip changes
 * the value the statement asks for (lse[i] - Z[i][y[i]] needs no guard). */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double ce = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - m);
        lse[i] = m + log(s);
        double p = exp(z[y[i]] - m) / s;
        ce -= log(fmax(p, 1e-15));
    }
    return ce / n;
}
