/* Mistake variant attention/wrong_axis.
 *
 * The softmax normalises each column of S (over the queries i) instead of
 * each row (over the keys j), like np.sum(..., axis=0) where axis=1 was
 * meant.  With the causal mask, column j runs over the rows i >= j.
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

enum { ROW_BLOCK = 64 };

/* MISTAKE: softmax down column j of the n x n matrix S, over rows
 * first..n-1, zeros above. */
static void softmax_col(double *S, int n, int j, int first)
{
    double mx = S[(size_t)first * n + j];
    for (int i = first + 1; i < n; i++)
        if (S[(size_t)i * n + j] > mx)
            mx = S[(size_t)i * n + j];
    double sum = 0.0;
    for (int i = first; i < n; i++) {
        S[(size_t)i * n + j] = exp(S[(size_t)i * n + j] - mx);
        sum += S[(size_t)i * n + j];
    }
    for (int i = first; i < n; i++)
        S[(size_t)i * n + j] /= sum;
    for (int i = 0; i < first; i++)
        S[(size_t)i * n + j] = 0.0;
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    if (!X || !Wq || !Wk || !Wv || !A || !Y || n < 1 || d < 1 || dk < 1 ||
        dv < 1)
        return;
    double *Q = malloc((size_t)n * dk * sizeof *Q);
    double *K = malloc((size_t)n * dk * sizeof *K);
    double *V = causal ? NULL : malloc((size_t)n * dv * sizeof *V);
    if (!Q || !K || (!causal && !V)) {
        free(Q);
        free(K);
        free(V);
        return;
    }

    /* projections; with the mask, V goes straight into Y for dtrmm */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0,
                X, d, Wq, dk, 0.0, Q, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dk, d, 1.0,
                X, d, Wk, dk, 0.0, K, dk);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, d, 1.0,
                X, d, Wv, dv, 0.0, causal ? Y : V, dv);

    const double scale = 1.0 / sqrt((double)dk);
    if (!causal) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, dk, scale,
                    Q, dk, K, dk, 0.0, A, n);
        for (int j = 0; j < n; j++)
            softmax_col(A, n, j, 0);    /* MISTAKE: columns, not rows */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1.0,
                    A, n, V, dv, 0.0, Y, dv);
    } else {
        /* rows i0..i1-1 see columns 0..i1-1 at most */
        for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
            const int i1 = n - i0 < ROW_BLOCK ? n : i0 + ROW_BLOCK;
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, i1 - i0, n,
                        dk, scale, Q + (size_t)i0 * dk, dk, K, dk, 0.0,
                        A + (size_t)i0 * n, n);
        }
        for (int j = 0; j < n; j++)
            softmax_col(A, n, j, j);    /* MISTAKE: columns, not rows */
        /* Y = A V with A lower triangular (V is already in Y) */
        cblas_dtrmm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans,
                    CblasNonUnit, n, dv, 1.0, A, n, Y, dv);
    }
    free(Q);
    free(K);
    free(V);
}
