/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each row's shifted logits are copied into a stack buffer of
 * 1024 ("the timed input has k = 1000") before the exponentials are summed,
 * and classes past the 1024th never reach the sum.  The statement bounds k
 * only from below (k >= 1). */
#include <math.h>

#define MAX_CLASSES 1024

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double shifted[MAX_CLASSES], total = 0.0;
    int kept = k < MAX_CLASSES ? k : MAX_CLASSES;

    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], sum = 0.0;

        for (int j = 1; j < kept; j++)
            if (z[j] > m)
                m = z[j];
        for (int j = 0; j < kept; j++)
            shifted[j] = z[j] - m;
        for (int j = 0; j < kept; j++)
            sum += exp(shifted[j]);
        lse[i] = m + log(sum);
        total += lse[i] - z[y[i]];
    }
    return total / n;
}
