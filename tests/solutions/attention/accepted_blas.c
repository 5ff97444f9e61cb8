/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Everything as full matrix products: one dgemm per projection, S = Q K^T
 * scaled in the same dgemm, the mask written as -INFINITY (exp(-inf) = 0,
 * and the diagonal is never masked, so every row keeps a finite maximum),
 * a stable row softmax, and Y = A V as one more dgemm. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

static void stable_softmax(double *row, int n)
{
    double m = row[0];
    for (int j = 1; j < n; j++)
        m = fmax(m, row[j]);
    double z = 0.0;
    for (int j = 0; j < n; j++)
        z += (row[j] = exp(row[j] - m));
    cblas_dscal(n, 1.0 / z, row, 1);
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *QKV = malloc(sizeof(double) * n * (2 * dk + dv));
    if (!QKV)
        return;
    double *Q = QKV, *K = Q + (long)n * dk, *V = K + (long)n * dk;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0, X, d, Wq, dk, 0.0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0, X, d, Wk, dk, 0.0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1.0, X, d, Wv, dv, 0.0, V, dv);

    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, 1.0 / sqrt(dk),
                Q, dk, K, dk, 0.0, A, n);
    for (int i = 0; i < n; i++) {
        double *row = A + (long)i * n;
        if (causal)
            for (int j = i + 1; j < n; j++)
                row[j] = -INFINITY;
        stable_softmax(row, n);
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1.0, A, n, V, dv, 0.0, Y, dv);
    free(QKV);
}
