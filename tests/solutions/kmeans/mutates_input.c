/* expect: status=graded passed=no organization=fail */
/* Centres the data in place first ("k-means is translation invariant") by
 * casting away const, shifts the centroids to match, and adds the mean back
 * at the end.  The answer is right to rounding, but the caller's X is
 * written to -- and (x - m) + m is not always x again. */
#include <math.h>
#include <stdlib.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *Xw = (double *)X;
    double *mu = calloc(d, sizeof(double));
    double *sums = malloc(sizeof(double) * k * d);
    int *cnt = malloc(sizeof(int) * k);
    if (!mu || !sums || !cnt) {
        free(mu);
        free(sums);
        free(cnt);
        return 0;
    }
    for (int i = 0; i < n; i++)
        for (int l = 0; l < d; l++)
            mu[l] += X[i * d + l] / n;
    for (int i = 0; i < n; i++)
        for (int l = 0; l < d; l++)
            Xw[i * d + l] -= mu[l];
    for (int j = 0; j < k; j++)
        for (int l = 0; l < d; l++)
            C[j * d + l] -= mu[l];

    int t;
    for (t = 0; t < max_iter; t++) {
        double inert = 0.0;
        for (int j = 0; j < k * d; j++)
            sums[j] = 0.0;
        for (int j = 0; j < k; j++)
            cnt[j] = 0;
        for (int i = 0; i < n; i++) {
            int bj = 0;
            double bd = INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0.0;
                for (int l = 0; l < d; l++)
                    s += (X[i * d + l] - C[j * d + l]) * (X[i * d + l] - C[j * d + l]);
                if (s < bd) {
                    bd = s;
                    bj = j;
                }
            }
            labels[i] = bj;
            inert += bd;
            cnt[bj]++;
            for (int l = 0; l < d; l++)
                sums[bj * d + l] += X[i * d + l];
        }
        inertia[t] = inert;
        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            if (cnt[j] == 0)
                continue;
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double m = sums[j * d + l] / cnt[j];
                s += (m - C[j * d + l]) * (m - C[j * d + l]);
                C[j * d + l] = m;
            }
            if (sqrt(s) > moved)
                moved = sqrt(s);
        }
        if (moved <= tol) {
            t++;
            break;
        }
    }

    for (int i = 0; i < n; i++)
        for (int l = 0; l < d; l++)
            Xw[i * d + l] += mu[l];
    for (int j = 0; j < k; j++)
        for (int l = 0; l < d; l++)
            C[j * d + l] += mu[l];
    free(mu);
    free(sums);
    free(cnt);
    return t;
}
