/* expect: status=graded passed=no correctness=pass stability=fail convergence=pass organization=pass mistake=none */
/* Near miss: the distance matrix in one go, D = ||x||^2 + ||c||^2 - 2 X C^T
 * with a single dgemm, clamped at 0 against rounding -- and the inertia
 * summed from the same D.  The labels are right, but around 1e13 every term
 * is about 1e26, whose rounding error (about 1e10) is as large as the
 * squared distances themselves: the inertia is off by tens of percent.
 * Cluster sums with daxpy, means with dscal, the shift with dnrm2. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *G = malloc(sizeof(double) * (size_t)n * k);
    double *xn = malloc(sizeof(double) * n);
    double *cn = malloc(sizeof(double) * k);
    double *newC = malloc(sizeof(double) * (size_t)k * d);
    int *cnt = malloc(sizeof(int) * k);
    int it = 0;
    if (!G || !xn || !cn || !newC || !cnt)
        goto done;

    for (int i = 0; i < n; i++)
        xn[i] = cblas_ddot(d, X + (size_t)i * d, 1, X + (size_t)i * d, 1);

    while (it < max_iter) {
        for (int j = 0; j < k; j++)
            cn[j] = cblas_ddot(d, C + (size_t)j * d, 1, C + (size_t)j * d, 1);
        /* G = X C^T */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, k, d,
                    1.0, X, d, C, d, 0.0, G, k);

        double total = 0.0;
        memset(newC, 0, sizeof(double) * (size_t)k * d);
        memset(cnt, 0, sizeof(int) * k);
        for (int i = 0; i < n; i++) {
            const double *g = G + (size_t)i * k;
            int best = -1;
            double bd = 0.0;
            for (int j = 0; j < k; j++) {
                double dist = xn[i] + cn[j] - 2.0 * g[j];
                if (dist < 0.0)
                    dist = 0.0;
                if (best < 0 || dist < bd) {
                    bd = dist;
                    best = j;
                }
            }
            labels[i] = best;
            total += bd;
            cnt[best]++;
            cblas_daxpy(d, 1.0, X + (size_t)i * d, 1, newC + (size_t)best * d, 1);
        }
        inertia[it++] = total;

        double moved = 0.0;
        for (int j = 0; j < k; j++) {
            double *c = C + (size_t)j * d, *m = newC + (size_t)j * d;
            if (cnt[j] == 0)
                continue;                     /* empty: keep the centroid */
            cblas_dscal(d, 1.0 / cnt[j], m, 1);
            cblas_daxpy(d, -1.0, m, 1, c, 1); /* c = old - new */
            double shift = cblas_dnrm2(d, c, 1);
            cblas_dcopy(d, m, 1, c, 1);
            if (shift > moved)
                moved = shift;
        }
        if (moved <= tol)
            break;
    }
done:
    free(G);
    free(xn);
    free(cn);
    free(newC);
    free(cnt);
    return it;
}
