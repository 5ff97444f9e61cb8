/* expect: status=graded passed=no stability=fail organization=pass mistake=none */
/* Near miss: with the causal mask, row i's shift is the maximum of the
 * scores of the tokens before it, j < i (the loop bound that is right for
 * the masked part), and the diagonal score is left out; row 0 has nothing
 * before it and uses its only score.  The shift cancels mathematically,
 * so this is right until a token's score with itself tops every other by
 * more than about 709: then exp overflows and the row becomes inf/inf. */
#include <math.h>
#include <stdlib.h>

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
        int len = causal ? i + 1 : n;       /* keys token i may see */
        for (int j = 0; j < len; j++) {
            double s = 0.0;
            for (int t = 0; t < dk; t++)
                s += Q[(long)i * dk + t] * K[(long)j * dk + t];
            a[j] = s * scale;
        }
        double mx = a[0];
        int before = causal ? i : n;        /* the tokens before i */
        for (int j = 1; j < before; j++)
            mx = fmax(mx, a[j]);
        double total = 0.0;
        for (int j = 0; j < len; j++) {
            a[j] = exp(a[j] - mx);
            total += a[j];
        }
        for (int j = 0; j < len; j++)
            a[j] /= total;
        for (int j = len; j < n; j++)
            a[j] = 0.0;
        for (int c = 0; c < dv; c++) {
            double s = 0.0;
            for (int j = 0; j < len; j++)
                s += a[j] * V[(long)j * dv + c];
            Y[(long)i * dv + c] = s;
        }
    }
done:
    free(Q);
    free(K);
    free(V);
}
