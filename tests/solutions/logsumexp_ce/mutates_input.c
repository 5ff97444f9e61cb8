/* expect: status=graded passed=no organization=fail */
/* Shifts each row of Z in place by its maximum ("saves a buffer"), casting
 * the const away.  The numbers are right, but the caller's logits come back
 * changed. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double *W = (double *)Z;
    double ce = 0.0;
    for (int i = 0; i < n; i++) {
        double *z = W + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            z[j] -= m;
            s += exp(z[j]);
        }
        lse[i] = m + log(s);
        ce += log(s) - z[y[i]];
    }
    return ce / n;
}
