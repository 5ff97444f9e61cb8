/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but every covariance entry is its own pass over the samples,
 * walking down two columns of the row-major X (a cache miss per step), with
 * both column means recomputed for each entry: 3 n d^2 strided reads
 * instead of one pass.  Eigenvectors by LAPACKE. */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>

static double column_mean(const double *X, int n, int d, int j)
{
    double s = 0;
    for (int i = 0; i < n; i++) /* hot */
        s += X[i * d + j];
    return s / n;
}

int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    if (n < 2 || k < 1 || k > d)
        return -1;
    double *C = malloc(sizeof(double) * d * d), *w = malloc(sizeof(double) * d);
    for (int a = 0; a < d; a++)
        for (int b = 0; b < d; b++) {
            double ma = column_mean(X, n, d, a), mb = column_mean(X, n, d, b), s = 0;
            for (int i = 0; i < n; i++)
                s += (X[i * d + a] - ma) * (X[i * d + b] - mb);
            C[a * d + b] = s / (n - 1);
        }
    double total = 0;
    for (int j = 0; j < d; j++)
        total += C[j * d + j];
    LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'V', 'U', d, C, d, w);
    for (int r = 0; r < k; r++) {
        int c = d - 1 - r, big = 0;
        for (int j = 0; j < d; j++) {
            components[r * d + j] = C[j * d + c];
            if (fabs(components[r * d + j]) > fabs(components[r * d + big]))
                big = j;
        }
        if (components[r * d + big] < 0)
            for (int j = 0; j < d; j++)
                components[r * d + j] *= -1;
        explained_variance[r] = w[c];
        explained_ratio[r] = total > 0 ? w[c] / total : 0;
    }
    double *mu = malloc(sizeof(double) * d);
    for (int j = 0; j < d; j++)
        mu[j] = column_mean(X, n, d, j);
    for (int i = 0; i < n; i++)
        for (int r = 0; r < k; r++) {
            double s = 0;
            for (int j = 0; j < d; j++)
                s += (X[i * d + j] - mu[j]) * components[r * d + j];
            Z[i * k + r] = s;
        }
    free(mu);
    free(C);
    free(w);
    return 0;
}
