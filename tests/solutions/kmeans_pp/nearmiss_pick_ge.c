/* expect: status=graded passed=no correctness=fail stability=fail organization=pass mistake=none */
/* Near miss: CBLAS for the bookkeeping, distances in the direct form, and
 * the pick walks the running sum over the points with D > 0 -- until it
 * reaches u[c] * S (run >= target) where the statement says passes it
 * (the smallest i whose sum is greater).  Skipping the zeros keeps u = 0
 * from picking a chosen point, so only a running sum exactly equal to
 * u[c] * S tells the two apart: a tie of finite numbers, or inf reaching
 * u[c] * S = inf when a squared distance overflows. */
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
            if (run >= target)
                break;
        }
    }
    free(D);
    free(diff);
}
