/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: the plain loops of accepted_loops.c with the mask tested as
 * causal == 1.  The statement makes any non-zero value mean causal: with
 * causal = 2 (or -1) every token sees the whole sequence. */
#include <math.h>
#include <stdlib.h>

/* out (rows x cols) = M (rows x inner) * W (inner x cols) */
static void matmul(const double *M, const double *W, int rows, int inner,
                   int cols, double *out)
{
    for (int i = 0; i < rows; i++)
        for (int c = 0; c < cols; c++) {
            double s = 0.0;
            for (int t = 0; t < inner; t++)
                s += M[(long)i * inner + t] * W[(long)t * cols + c];
            out[(long)i * cols + c] = s;
        }
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof(double) * n * dk);
    double *K = malloc(sizeof(double) * n * dk);
    double *V = malloc(sizeof(double) * n * dv);
    if (!Q || !K || !V)
        goto done;
    matmul(X, Wq, n, d, dk, Q);
    matmul(X, Wk, n, d, dk, K);
    matmul(X, Wv, n, d, dv, V);

    double scale = 1.0 / sqrt((double)dk);
    for (int i = 0; i < n; i++) {
        double *a = A + (long)i * n;
        int last = causal == 1 ? i : n - 1; /* last key token i may see */
        double best = -INFINITY;
        for (int j = 0; j <= last; j++) {
            double s = 0.0;
            for (int t = 0; t < dk; t++)
                s += Q[(long)i * dk + t] * K[(long)j * dk + t];
            a[j] = s * scale;
            if (a[j] > best)
                best = a[j];
        }
        double total = 0.0;
        for (int j = 0; j <= last; j++) {
            a[j] = exp(a[j] - best);
            total += a[j];
        }
        for (int j = 0; j <= last; j++)
            a[j] /= total;
        for (int j = last + 1; j < n; j++)
            a[j] = 0.0;

        for (int c = 0; c < dv; c++) {
            double s = 0.0;
            for (int j = 0; j <= last; j++)
                s += a[j] * V[(long)j * dv + c];
            Y[(long)i * dv + c] = s;
        }
    }
done:
    free(Q);
    free(K);
    free(V);
}
