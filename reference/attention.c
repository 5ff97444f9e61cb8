/* Reference: scaled dot-product self-attention of one sequence.
 *
 *   Q = X Wq (n x dk),  K = X Wk (n x dk),  V = X Wv (n x dv)
 *   S = Q K^T / sqrt(dk);  with causal != 0, S[i][j] = -inf for j > i
 *   A = row-wise softmax of S (stable: the row maximum is subtracted)
 *   Y = A V (n x dv)
 * A and Y are outputs; masked weights are exactly 0.
 *
 * Five products, all level 3: three dgemms for the projections, one for the
 * scores (alpha = 1/sqrt(dk)) and one for A V.  With the causal mask the
 * upper triangle of S is never needed: the scores are computed in blocks of
 * rows, each only up to its last unmasked column, and A V is a triangular
 * product (dtrmm), which halves both.  Invalid sizes or no memory: A and Y
 * are left untouched. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

enum { ROW_BLOCK = 64 };

/* Softmax of row[0..m) in place (max shift), zeros in row[m..n).  The
 * zeros are scaled along with the rest (they stay 0 here); so an unshifted
 * softmax whose sum underflows to 0 turns them into 0/0 = NaN, as most
 * learners' code does, which keeps the mistake variants comparable. */
static void softmax_row(double *row, int m, int n)
{
    double mx = row[0];
    for (int j = 1; j < m; j++)
        if (row[j] > mx)
            mx = row[j];
    double sum = 0.0;
    for (int j = 0; j < m; j++) {
        row[j] = exp(row[j] - mx);
        sum += row[j];
    }
    for (int j = m; j < n; j++)
        row[j] = 0.0;
    const double inv = 1.0 / sum;
    for (int j = 0; j < n; j++)
        row[j] *= inv;
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
        for (int i = 0; i < n; i++)
            softmax_row(A + (size_t)i * n, n, n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, dv, n, 1.0,
                    A, n, V, dv, 0.0, Y, dv);
    } else {
        /* rows i0..i1-1 see columns 0..i1-1 at most */
        for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
            const int i1 = n - i0 < ROW_BLOCK ? n : i0 + ROW_BLOCK;
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, i1 - i0, i1,
                        dk, scale, Q + (size_t)i0 * dk, dk, K, dk, 0.0,
                        A + (size_t)i0 * n, n);
            for (int i = i0; i < i1; i++)
                softmax_row(A + (size_t)i * n, i + 1, n);
        }
        /* Y = A V with A lower triangular (V is already in Y) */
        cblas_dtrmm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans,
                    CblasNonUnit, n, dv, 1.0, A, n, Y, dv);
    }
    free(Q);
    free(K);
    free(V);
}
