/* expect: status=graded passed=no stability=fail organization=pass mistake=none */
/* Near miss: the causal mask written the way many tutorials write it,
 * masked_fill(mask, -1e9): the masked scores become -1e9 instead of -inf,
 * then every row goes through the same max-shifted softmax.  Right as long
 * as every real score is far above -1e9 (exp(-1e9 - max) is exactly 0);
 * wrong when the scores a token may see are themselves below -1e9: the
 * "masked" entries are then the largest of the row and take its weight. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof(double) * n * dk);
    double *K = malloc(sizeof(double) * n * dk);
    double *V = malloc(sizeof(double) * n * dv);
    if (!Q || !K || !V)
        goto done;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0, X, d, Wq, dk, 0.0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0, X, d, Wk, dk, 0.0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1.0, X, d, Wv, dv, 0.0, V, dv);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, 1.0 / sqrt((double)dk),
                Q, dk, K, dk, 0.0, A, n);

    for (int i = 0; i < n; i++) {
        double *a = A + (long)i * n;
        if (causal)
            for (int j = i + 1; j < n; j++)
                a[j] = -1e9;                /* masked_fill(mask, -1e9) */
        double mx = a[0];
        for (int j = 1; j < n; j++)
            if (a[j] > mx)
                mx = a[j];
        double total = 0.0;
        for (int j = 0; j < n; j++) {
            a[j] = exp(a[j] - mx);
            total += a[j];
        }
        for (int j = 0; j < n; j++)
            a[j] /= total;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1.0, A, n, V, dv, 0.0, Y, dv);
done:
    free(Q);
    free(K);
    free(V);
}
