/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each row's loss goes into a stack array of 2048 ("the timed
 * input has 2000 rows") and the array is summed at the end.  Rows past the
 * 2048th are never computed: their lse is written as 0 and their loss is
 * missing from the mean.  The statement bounds n only from below. */
#include <math.h>

#define MAX_ROWS 2048

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    double row_loss[MAX_ROWS], total = 0.0;
    int kept = n < MAX_ROWS ? n : MAX_ROWS;

    for (int i = 0; i < kept; i++) {
        const double *z = Z + (long)i * k;
        double m = z[0], sum = 0.0;

        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        for (int j = 0; j < k; j++)
            sum += exp(z[j] - m);
        lse[i] = m + log(sum);
        row_loss[i] = lse[i] - z[y[i]];
    }
    for (int i = kept; i < n; i++)
        lse[i] = 0.0;
    for (int i = 0; i < kept; i++)
        total += row_loss[i];
    return total / n;
}
