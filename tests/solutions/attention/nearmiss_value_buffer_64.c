/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: each output row is accumulated in a stack buffer of 64 ("dv is
 * 64 in the benchmark"), one weighted value row at a time.  With a larger
 * dv the columns past the 64th are written as 0.  The statement bounds dv
 * only from below (dv >= 1). */
#include <math.h>
#include <stdlib.h>

#define MAX_VALUE 64

static void project(const double *X, int n, int d, const double *W, int m,
                    double *out)
{
    for (int i = 0; i < n; i++)
        for (int c = 0; c < m; c++) {
            double s = 0.0;
            for (int t = 0; t < d; t++)
                s += X[(size_t)i * d + t] * W[(size_t)t * m + c];
            out[(size_t)i * m + c] = s;
        }
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    double *Q = malloc(sizeof(double) * (size_t)n * dk);
    double *K = malloc(sizeof(double) * (size_t)n * dk);
    double *V = malloc(sizeof(double) * (size_t)n * dv);
    double *row = malloc(sizeof(double) * (size_t)n);
    double scale = 1.0 / sqrt((double)dk);

    if (!Q || !K || !V || !row)
        goto out;
    project(X, n, d, Wq, dk, Q);
    project(X, n, d, Wk, dk, K);
    project(X, n, d, Wv, dv, V);
    for (int i = 0; i < n; i++) {
        int last = causal ? i + 1 : n;
        double m = -INFINITY, sum = 0.0;

        for (int j = 0; j < last; j++) {
            double s = 0.0;
            for (int c = 0; c < dk; c++)
                s += Q[(size_t)i * dk + c] * K[(size_t)j * dk + c];
            row[j] = s * scale;
            if (row[j] > m)
                m = row[j];
        }
        for (int j = 0; j < last; j++) {
            row[j] = exp(row[j] - m);
            sum += row[j];
        }
        for (int j = 0; j < n; j++)
            A[(size_t)i * n + j] = j < last ? row[j] / sum : 0.0;
        double y[MAX_VALUE] = {0};
        int kept = dv < MAX_VALUE ? dv : MAX_VALUE;
        for (int j = 0; j < last; j++)
            for (int c = 0; c < kept; c++)
                y[c] += A[(size_t)i * n + j] * V[(size_t)j * dv + c];
        for (int c = 0; c < dv; c++)
            Y[(size_t)i * dv + c] = c < kept ? y[c] : 0.0;
    }
out:
    free(Q);
    free(K);
    free(V);
    free(row);
}
