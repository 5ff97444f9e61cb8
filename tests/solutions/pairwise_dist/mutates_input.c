/* expect: status=graded passed=no organization=fail */
/* "Centre both sets first for accuracy": subtracts the mean of A from A
 * and B in place (casting const away), computes the distances, and never
 * restores the inputs. */
#include <math.h>
#include <stdlib.h>

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    double *a = (double *)A, *b = (double *)B;
    double *mu = calloc((size_t)d, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int k = 0; k < d; k++)
            mu[k] += a[i * d + k] / n;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < d; k++)
            a[i * d + k] -= mu[k];
    if (b != a)
        for (int j = 0; j < m; j++)
            for (int k = 0; k < d; k++)
                b[j * d + k] -= mu[k];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            double s = 0.0;
            for (int k = 0; k < d; k++)
                s += (a[i * d + k] - b[j * d + k]) * (a[i * d + k] - b[j * d + k]);
            D[i * m + j] = sqrt(s);
        }
    free(mu);
}
