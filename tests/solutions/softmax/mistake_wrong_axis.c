/* expect: status=graded passed=no correctness=fail mistake=wrong_axis */
/* Stable (max subtracted), but the max and the sum are taken down each
 * column, like np.max(Z, axis=0) where axis=1 was meant: the columns sum to
 * one instead of the rows. */
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *colmax = malloc(sizeof(double) * k);
    double *colsum = calloc(k, sizeof(double));
    if (!colmax || !colsum) {
        free(colmax);
        free(colsum);
        return;
    }
    for (int j = 0; j < k; j++)
        colmax[j] = Z[j];
    for (int i = 1; i < n; i++)
        for (int j = 0; j < k; j++)
            if (Z[i * k + j] > colmax[j])
                colmax[j] = Z[i * k + j];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < k; j++) {
            P[i * k + j] = exp(Z[i * k + j] - colmax[j]);
            colsum[j] += P[i * k + j];
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < k; j++)
            P[i * k + j] /= colsum[j];
    free(colmax);
    free(colsum);
}
