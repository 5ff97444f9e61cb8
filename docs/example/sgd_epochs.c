/* Reference for sgd_epochs: each batch's rows gathered into a contiguous
 * block, residuals and gradient as two matrix-vector products (CBLAS),
 * the epoch's loss as one more. */
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

void sgd_epochs(const double *X, const double *y, int n, int d, const int *order, int epochs,
                int batch, double lr, double *w, double *b, double *loss)
{
    double *XB = malloc(sizeof(double) * (size_t)batch * (size_t)d);
    double *r = malloc(sizeof(double) * (size_t)(batch > n ? batch : n));
    memset(w, 0, sizeof(double) * (size_t)d);
    *b = 0;
    for (int e = 0; e < epochs; e++) {
        const int *ord = order + (size_t)e * n;
        for (int s = 0; s < n; s += batch) {
            int m = n - s < batch ? n - s : batch;
            for (int i = 0; i < m; i++) {
                memcpy(XB + (size_t)i * d, X + (size_t)ord[s + i] * d, sizeof(double) * d);
                r[i] = *b - y[ord[s + i]];
            }
            /* r = XB w + b - y_B; w -= lr/m XB^T r; b -= lr/m sum r */
            cblas_dgemv(CblasRowMajor, CblasNoTrans, m, d, 1.0, XB, d, w, 1, 1.0, r, 1);
            double gb = 0;
            for (int i = 0; i < m; i++)
                gb += r[i];
            cblas_dgemv(CblasRowMajor, CblasTrans, m, d, -lr / m, XB, d, r, 1, 1.0, w, 1);
            *b -= lr * gb / m;
        }
        for (int i = 0; i < n; i++)
            r[i] = *b - y[i];
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, w, 1, 1.0, r, 1);
        loss[e] = cblas_ddot(n, r, 1, r, 1) / (2.0 * n);
    }
    free(XB);
    free(r);
}
