/* expect: status=graded passed=no correctness=fail mistake=mask_after_softmax */
/* Computes the full (stable, scaled) softmax of every row and only then
 * applies the causal mask by zeroing the weights above the diagonal, so the
 * remaining weights of a row sum to less than 1. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof(double) * n * dk), *K = malloc(sizeof(double) * n * dk);
    double *V = malloc(sizeof(double) * n * dv);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wq, dk, 0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wk, dk, 0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1, X, d, Wv, dv, 0, V, dv);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, 1 / sqrt(dk), Q, dk, K, dk, 0, A, n);
    for (int i = 0; i < n; i++) {
        double *a = A + i * n;
        double mx = a[0], s = 0;
        for (int j = 1; j < n; j++)
            mx = fmax(mx, a[j]);
        for (int j = 0; j < n; j++)
            s += (a[j] = exp(a[j] - mx));
        for (int j = 0; j < n; j++)
            a[j] /= s;
        if (causal)
            for (int j = i + 1; j < n; j++)
                a[j] = 0;           /* mask: no peeking ahead */
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1, A, n, V, dv, 0, Y, dv);
    free(Q);
    free(K);
    free(V);
}
