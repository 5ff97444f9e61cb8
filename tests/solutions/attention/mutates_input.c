/* expect: status=graded passed=no organization=fail */
/* Folds the 1/sqrt(dk) into the query weights once, in place ("cheaper than
 * scaling n^2 scores"), by casting away the const on Wq: the caller's
 * weights are changed. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    cblas_dscal(d * dk, 1.0 / sqrt(dk), (double *)Wq, 1);
    double *Q = malloc(sizeof(double) * n * dk), *K = malloc(sizeof(double) * n * dk);
    double *V = malloc(sizeof(double) * n * dv);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wq, dk, 0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wk, dk, 0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1, X, d, Wv, dv, 0, V, dv);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, 1, Q, dk, K, dk, 0, A, n);
    for (int i = 0; i < n; i++) {
        double *a = A + i * n;
        int m = causal ? i + 1 : n;
        double mx = a[0], s = 0;
        for (int j = 1; j < m; j++)
            mx = fmax(mx, a[j]);
        for (int j = 0; j < m; j++)
            s += (a[j] = exp(a[j] - mx));
        for (int j = 0; j < n; j++)
            a[j] = j < m ? a[j] / s : 0;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1, A, n, V, dv, 0, Y, dv);
    free(Q);
    free(K);
    free(V);
}
