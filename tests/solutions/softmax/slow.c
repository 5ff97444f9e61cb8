/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct and stable, but every output element recomputes its row's max and
 * its row's denominator from scratch: O(k) work per element, O(n k^2) in
 * all, with k exps per element. */
#include <math.h>

static double max_of_row(const double *z, int k)
{
    double m = z[0];
    for (int j = 1; j < k; j++) /* hot */
        if (z[j] > m)
            m = z[j];
    return m;
}

static double denominator(const double *z, int k)
{
    double m = max_of_row(z, k);
    double s = 0.0;
    for (int j = 0; j < k; j++)
        s += exp(z[j] - m);
    return s;
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < k; j++) {
            const double *z = Z + (long)i * k;
            P[(long)i * k + j] = exp(z[j] - max_of_row(z, k)) / denominator(z, k);
        }
}
