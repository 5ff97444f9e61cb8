/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Plain loops, one row at a time: find the row max, add up exp(z - max),
 * lse = max + log(sum).  The loss of a row is lse - z[label], already in
 * log space, averaged at the end. */
#include <math.h>

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double loss = 0.0;
    for (int i = 0; i < n; i++) {
        const double *row = &Z[(long)i * k];
        double mx = row[0];
        for (int j = 1; j < k; j++)
            if (row[j] > mx)
                mx = row[j];
        double sum = 0.0;
        for (int j = 0; j < k; j++)
            sum += exp(row[j] - mx);
        lse[i] = mx + log(sum);
        loss += lse[i] - row[y[i]];
    }
    return loss / n;
}
