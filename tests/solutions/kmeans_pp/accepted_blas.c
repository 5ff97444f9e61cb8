/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* CBLAS for the bookkeeping: each new centroid's distances come from
 * diff = x_i - c (dcopy + daxpy) and ddot(diff, diff) -- the direct form,
 * so points far from the origin keep their digits -- and the total is a
 * dasum of the (non-negative) distances.  The pick walks the running sum. */
#include <cblas.h>
#include <stdlib.h>

static int floor_index(double u, int n)
{
    int i = (int)(u * n);
    return i >= n ? n - 1 : (i < 0 ? 0 : i);
}

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *D = malloc(sizeof(double) * n), *diff = malloc(sizeof(double) * d);
    if (!D || !diff) {
        free(D);
        free(diff);
        return;
    }
    int p = floor_index(u[0], n);
    for (int c = 0;; c++) {
        idx[c] = p;
        cblas_dcopy(d, X + (size_t)p * d, 1, C + (size_t)c * d, 1);
        if (c + 1 == k)
            break;
        for (int i = 0; i < n; i++) {
            cblas_dcopy(d, X + (size_t)i * d, 1, diff, 1);
            cblas_daxpy(d, -1.0, C + (size_t)c * d, 1, diff, 1);
            double s = cblas_ddot(d, diff, 1, diff, 1);
            if (c == 0 || s < D[i])
                D[i] = s;
        }
        double S = 0.0;
        for (int i = 0; i < n; i++)
            S += D[i];
        if (S == 0.0) {
            p = floor_index(u[c + 1], n);
            continue;
        }
        double target = u[c + 1] * S, run = 0.0;
        p = -1;
        for (int i = 0; i < n; i++) {
            if (D[i] == 0.0)
                continue;
            run += D[i];
            p = i;
            if (run > target)
                break;
        }
    }
    free(D);
    free(diff);
}
