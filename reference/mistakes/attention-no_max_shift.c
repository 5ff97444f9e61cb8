/* Mistake variant attention/no_max_shift.
 *
 * The softmax is exp(s) / sum exp(s) as written on the slide, without
 * subtracting the row maximum: large scores give exp = inf and inf/inf =
 * NaN, and very negative ones give 0/0.
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
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
    const double mx = 0.0;    /* MISTAKE: no max shift */
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
