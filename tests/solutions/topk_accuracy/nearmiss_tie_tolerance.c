/* expect: status=graded passed=no correctness=fail mistake=none */
/* Treats scores within 1e-12 of each other as tied ("floating-point
 * equality is never exact"), so two scores a few ulps apart are ordered by
 * index instead of by value.  Right whenever the scores are either equal
 * or clearly apart. */
#include <math.h>

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        const double *row = P + (long)i * c;
        double mine = row[y[i]];
        int ahead = 0;
        for (int j = 0; j < c && ahead < k; j++) {
            if (fabs(row[j] - mine) < 1e-12)
                ahead += j < y[i];
            else
                ahead += row[j] > mine;
        }
        hits += ahead < k;
    }
    return (double)hits / n;
}
