/* expect: status=graded passed=yes correctness=pass vectorization=pass convergence=pass organization=pass */
/* Each batch gathered into a block: residuals and gradient as two
 * matrix-vector products, the epoch's loss as a third. */
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *blk = malloc(sizeof(double) * (size_t)batch * d);
    double *r = malloc(sizeof(double) * (size_t)(n > batch ? n : batch));
    if (!blk || !r) {
        free(blk);
        free(r);
        return;
    }
    memset(w, 0, sizeof(double) * d);
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        for (int s = 0; s < n; s += batch) {
            int m = n - s < batch ? n - s : batch;
            double gb = 0;
            for (int t = 0; t < m; t++) {
                int i = order[(long)e * n + s + t];
                memcpy(blk + (long)t * d, X + (long)i * d, sizeof(double) * d);
                r[t] = *b - y[i];
            }
            cblas_dgemv(CblasRowMajor, CblasNoTrans, m, d, 1, blk, d, w, 1, 1, r, 1);
            for (int t = 0; t < m; t++)
                gb += r[t];
            cblas_dgemv(CblasRowMajor, CblasTrans, m, d, -lr / m, blk, d, r, 1, 1, w, 1);
            *b -= lr / m * gb;
        }
        for (int i = 0; i < n; i++)
            r[i] = *b - y[i];
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1, X, d, w, 1, 1, r, 1);
        loss[e] = cblas_ddot(n, r, 1, r, 1) / (2.0 * n);
    }
    free(blk);
    free(r);
}
