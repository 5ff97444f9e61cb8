/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct and stable, but the row maximum is looked up again for every
 * term of the sum (a helper called inside the loop): O(k) work per element,
 * O(n k^2) in all. */
#include <math.h>

static double row_max(const double *z, int k)
{
    double m = z[0];
    for (int j = 1; j < k; j++) /* hot */
        if (z[j] > m)
            m = z[j];
    return m;
}

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double ce = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double s = 0.0;
        for (int j = 0; j < k; j++)
            s += exp(z[j] - row_max(z, k));
        lse[i] = row_max(z, k) + log(s);
        ce += lse[i] - z[y[i]];
    }
    return ce / n;
}
