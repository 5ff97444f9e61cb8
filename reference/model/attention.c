/* Model answer: one head of scaled dot-product self-attention. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

/* Softmax of the len entries a[0], a[stride], ... in place. Subtracting the
 * maximum first changes nothing mathematically, but exp never overflows and
 * the sum is at least 1 (exp(-inf) = 0 for a masked score). */
static void softmax(double *a, int len, int stride)
{
#if MISTAKE(no_max_shift)
    double mx = 0;
#else
    double mx = a[0];
    for (int j = 1; j < len; j++)
        mx = fmax(mx, a[j * stride]);
#endif
    double sum = 0;
    for (int j = 0; j < len; j++)
        sum += a[j * stride] = exp(a[j * stride] - mx);
    for (int j = 0; j < len; j++)
        a[j * stride] /= sum;
}

/* Token i may not look at tokens j > i: their entries of A get value. */
static void mask_future(double *A, int n, double value)
{
    for (int i = 0; i < n; i++)    /* row n - 1 has no j > i */
        for (int j = i + 1; j < n; j++)
            A[(size_t)i * n + j] = value;
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof *Q * n * (2 * dk + dv));
    if (!Q) return;    /* out of memory */
    double *K = Q + (size_t)n * dk, *V = K + (size_t)n * dk;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wq, dk, 0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1, X, d, Wk, dk, 0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1, X, d, Wv, dv, 0, V, dv);

    /* S = Q K^T / sqrt(dk), written into A: dividing by sqrt(dk) keeps the
     * scores' variance near 1 whatever the key size */
#if MISTAKE(no_scaling)
    double scale = 1;
#else
    double scale = 1 / sqrt(dk);
#endif
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, scale, Q, dk, K, dk, 0, A, n);

    /* The mask goes on the scores, before the softmax: -inf becomes a weight
     * of exactly 0 and each row still sums to 1. */
#if !MISTAKE(mask_after_softmax)
    if (causal)
        mask_future(A, n, -INFINITY);
#endif
    for (int i = 0; i < n; i++)
#if MISTAKE(wrong_axis)
        softmax(A + i, n, n);
#else
        softmax(A + (size_t)i * n, n, 1);    /* row i: query i over the keys */
#endif
#if MISTAKE(mask_after_softmax)
    if (causal)
        mask_future(A, n, 0);
#endif

    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1, A, n, V, dv, 0, Y, dv);
    free(Q);
}
