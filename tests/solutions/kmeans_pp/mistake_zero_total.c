/* expect: status=graded passed=no correctness=pass stability=fail mistake=zero_total */
/* Normalises the weights into probabilities p_i = D_i / S and draws from
 * their running sum, starting from "the last point" in case rounding lets
 * the sum stop short of u.  When every point already sits on a centroid,
 * S = 0, every p_i is 0/0 = NaN, no comparison with NaN is true -- and the
 * pick silently becomes the last point. */
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *D = malloc(sizeof(double) * n);
    int p = (int)(u[0] * n);
    if (p >= n)
        p = n - 1;
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            double S = 0;
            for (int i = 0; i < n; i++)
                S += D[i];
            double cum = 0;
            int last = n - 1;
            for (int i = n - 1; i >= 0; i--)
                if (D[i] > 0) {
                    last = i;
                    break;
                }
            p = last;
            for (int i = 0; i < n; i++) {
                cum += D[i] / S;
                if (cum > u[c]) {
                    p = i;
                    break;
                }
            }
        }
        idx[c] = p;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[p * d + l];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++)
                s += (X[i * d + l] - C[c * d + l]) * (X[i * d + l] - C[c * d + l]);
            if (c == 0 || s < D[i])
                D[i] = s;
        }
    }
    free(D);
}
