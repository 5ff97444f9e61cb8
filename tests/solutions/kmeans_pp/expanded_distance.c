/* expect: status=graded passed=no correctness=pass stability=fail */
/* Distances the "vectorised" way, ||x||^2 + ||c||^2 - 2 x.c, with the
 * squared norms precomputed and one dgemv per centroid.  Near the origin
 * it agrees with the direct formula; around 1e7 the three terms are ~1e14
 * and their sum keeps only a couple of digits: chosen points get weights
 * that are not 0 and the draws go to the wrong points. */
#include <cblas.h>
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *xx = malloc(sizeof(double) * n), *xc = malloc(sizeof(double) * n);
    double *D = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        xx[i] = cblas_ddot(d, X + (size_t)i * d, 1, X + (size_t)i * d, 1);
    int p = (int)(u[0] * n);
    if (p >= n)
        p = n - 1;
    for (int c = 0; c < k; c++) {
        idx[c] = p;
        cblas_dcopy(d, X + (size_t)p * d, 1, C + (size_t)c * d, 1);
        if (c == k - 1)
            break;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, C + (size_t)c * d, 1,
                    0.0, xc, 1);
        double S = 0;
        for (int i = 0; i < n; i++) {
            double s = xx[i] + xx[p] - 2 * xc[i];
            if (s < 0)
                s = 0;
            if (c == 0 || s < D[i])
                D[i] = s;
            S += D[i];
        }
        if (S > 0) {
            double acc = 0;
            int q = -1, last = 0;
            for (int i = 0; i < n && q < 0; i++) {
                acc += D[i];
                if (D[i] > 0)
                    last = i;
                if (acc > u[c + 1] * S)
                    q = i;
            }
            p = q >= 0 ? q : last;
        } else {
            p = (int)(u[c + 1] * n);
            if (p >= n)
                p = n - 1;
        }
    }
    free(xx);
    free(xc);
    free(D);
}
