/* expect: status=graded passed=no stability=fail mistake=no_max_shift */
/* Right projections, scaling and mask, but the softmax is exp(s) / sum exp(s)
 * straight from the formula: fine on small scores, inf/inf = NaN once a
 * score passes about 709, and 0/0 when every score of a row is very
 * negative. */
#include <math.h>
#include <stdlib.h>

static void project(const double *X, const double *Wm, int n, int d, int k, double *out)
{
    for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int t = 0; t < d; t++)
                s += X[i * d + t] * Wm[t * k + c];
            out[i * k + c] = s;
        }
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof(double) * n * dk), *K = malloc(sizeof(double) * n * dk);
    double *V = malloc(sizeof(double) * n * dv);
    project(X, Wq, n, d, dk, Q);
    project(X, Wk, n, d, dk, K);
    project(X, Wv, n, d, dv, V);
    for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            if (causal && j > i) {
                A[i * n + j] = 0;
                continue;
            }
            double s = 0;
            for (int t = 0; t < dk; t++)
                s += Q[i * dk + t] * K[j * dk + t];
            A[i * n + j] = exp(s / sqrt(dk));
            sum += A[i * n + j];
        }
        for (int j = 0; j < n; j++)
            A[i * n + j] /= sum;
        for (int c = 0; c < dv; c++) {
            double y = 0;
            for (int j = 0; j < n; j++)
                y += A[i * n + j] * V[j * dv + c];
            Y[i * dv + c] = y;
        }
    }
    free(Q);
    free(K);
    free(V);
}
