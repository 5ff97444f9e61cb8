/* expect: status=graded passed=no correctness=fail mistake=wrong_axis */
/* Stable and scaled, with the mask as -inf, but the softmax is taken down
 * each column of S (over the queries), like softmax(S, axis=0): the columns
 * of A sum to 1 instead of the rows. */
#include <math.h>
#include <stdlib.h>

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = calloc((size_t)n * dk, sizeof(double)), *K = calloc((size_t)n * dk, sizeof(double));
    double *V = calloc((size_t)n * dv, sizeof(double));
    for (int i = 0; i < n; i++)
        for (int t = 0; t < d; t++) {
            double x = X[i * d + t];
            for (int c = 0; c < dk; c++) {
                Q[i * dk + c] += x * Wq[t * dk + c];
                K[i * dk + c] += x * Wk[t * dk + c];
            }
            for (int c = 0; c < dv; c++)
                V[i * dv + c] += x * Wv[t * dv + c];
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int c = 0; c < dk; c++)
                s += Q[i * dk + c] * K[j * dk + c];
            A[i * n + j] = (causal && j > i) ? -INFINITY : s / sqrt(dk);
        }
    for (int j = 0; j < n; j++) {        /* normalise column j */
        double mx = -INFINITY, s = 0;
        for (int i = 0; i < n; i++)
            mx = fmax(mx, A[i * n + j]);
        for (int i = 0; i < n; i++)
            s += (A[i * n + j] = exp(A[i * n + j] - mx));
        for (int i = 0; i < n; i++)
            A[i * n + j] /= s;
    }
    for (int i = 0; i < n; i++)
        for (int c = 0; c < dv; c++) {
            double y = 0;
            for (int j = 0; j < n; j++)
                y += A[i * n + j] * V[j * dv + c];
            Y[i * dv + c] = y;
        }
    free(Q);
    free(K);
    free(V);
}
