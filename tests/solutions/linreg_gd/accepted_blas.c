/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass convergence=pass organization=pass */
/* Vectorised with CBLAS: r = X w - y (dgemv) plus b, loss = r.r / 2n
 * (ddot), grad = X^T r / n (dgemv into its own vector), w -= lr * grad
 * (daxpy). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int linreg_gd(const double *X, const double *y, int n, int d,
              double lr, int max_iter, double tol,
              double *w, double *b, double *loss)
{
    memset(w, 0, sizeof(double) * d);
    *b = 0.0;
    double *r = malloc(sizeof(double) * n);
    double *grad = malloc(sizeof(double) * d);
    if (!r || !grad) {
        free(r);
        free(grad);
        return 0;
    }

    int t = 0;
    while (t < max_iter) {
        cblas_dcopy(n, y, 1, r, 1);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, n, d, 1.0, X, d, w, 1, -1.0, r, 1);
        double sum_r = 0.0;
        for (int i = 0; i < n; i++) {
            r[i] += *b;
            sum_r += r[i];
        }
        loss[t] = cblas_ddot(n, r, 1, r, 1) / (2.0 * n);
        t++;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0 / n, X, d, r, 1, 0.0, grad, 1);
        cblas_daxpy(d, -lr, grad, 1, w, 1);
        *b -= lr * sum_r / n;
    }
    free(r);
    free(grad);
    return t;
}
