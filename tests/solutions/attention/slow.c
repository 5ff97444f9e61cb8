/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct and stable, but nothing is computed once and reused: each score
 * projects its query and its key from X again, O(d dk) per pair instead of
 * O(dk), so the scores alone cost O(n^2 d dk). */
#include <math.h>
#include <stdlib.h>

/* (x Wm)[c] for one token x */
static double proj(const double *x, const double *Wm, int d, int k, int c)
{
    double s = 0.0;
    for (int t = 0; t < d; t++) /* hot */
        s += x[t] * Wm[t * k + c];
    return s;
}

void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv,
               int causal, double *A, double *Y)
{
    for (int i = 0; i < n; i++) {
        double *a = A + i * n;
        int m = causal ? i + 1 : n;
        double mx = -INFINITY, sum = 0.0;
        for (int j = 0; j < m; j++) {
            double s = 0.0;
            for (int c = 0; c < dk; c++)
                s += proj(X + i * d, Wq, d, dk, c) * proj(X + j * d, Wk, d, dk, c);
            a[j] = s / sqrt((double)dk);
            mx = fmax(mx, a[j]);
        }
        for (int j = 0; j < m; j++)
            sum += (a[j] = exp(a[j] - mx));
        for (int j = 0; j < n; j++)
            a[j] = j < m ? a[j] / sum : 0.0;
        for (int c = 0; c < dv; c++) {
            double y = 0.0;
            for (int j = 0; j < m; j++)
                y += a[j] * proj(X + j * d, Wv, d, dv, c);
            Y[i * dv + c] = y;
        }
    }
}
