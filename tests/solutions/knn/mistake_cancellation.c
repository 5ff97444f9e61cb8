/* expect: status=graded passed=no correctness=pass stability=fail mistake=cancellation */
/* Vectorised the textbook way: D = ||x||^2 + ||q||^2 - 2 q.x with one dgemm
 * per block of queries -- straight on the raw coordinates.  Near the origin
 * it is right; for points around 1e7 the squared norms are ~1e14 and their
 * difference keeps only a couple of digits, so the "nearest" points are
 * noise. */
#include <cblas.h>
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    const int B = 64;
    double *xn = malloc(sizeof(double) * n);
    double *D = malloc(sizeof(double) * (size_t)B * n);
    int *nb = malloc(sizeof(int) * k);
    double *nd = malloc(sizeof(double) * k);
    for (int j = 0; j < n; j++)
        xn[j] = cblas_ddot(d, X + (size_t)j * d, 1, X + (size_t)j * d, 1);
    for (int i0 = 0; i0 < m; i0 += B) {
        int bm = m - i0 < B ? m - i0 : B;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, bm, n, d, -2.0,
                    Q + (size_t)i0 * d, d, X, d, 0.0, D, n);
        for (int r = 0; r < bm; r++) {
            double *dr = D + (size_t)r * n;
            const double *q = Q + (size_t)(i0 + r) * d;
            double qn = cblas_ddot(d, q, 1, q, 1);
            for (int j = 0; j < n; j++)
                dr[j] += xn[j] + qn;
            /* k smallest, each pick then marked with +inf */
            for (int t = 0; t < k; t++) {
                int b = 0;
                for (int j = 1; j < n; j++)
                    if (dr[j] < dr[b])
                        b = j;
                nb[t] = b;
                nd[t] = dr[b];
                dr[b] = 1.0 / 0.0;
            }
            /* majority; ties to the label met first (the nearer one), and
             * between equally near ones to the lower label */
            int best = 0, bc = 0;
            for (int t = 0; t < k; t++) {
                int c = 0, first = 1;
                for (int u = 0; u < k; u++)
                    if (y[nb[u]] == y[nb[t]]) {
                        c++;
                        first &= u >= t;
                    }
                if (!first)
                    continue;
                if (c > bc || (c == bc && nd[t] == nd[best] && y[nb[t]] < y[nb[best]])) {
                    best = t;
                    bc = c;
                }
            }
            pred[i0 + r] = y[nb[best]];
        }
    }
    free(xn);
    free(D);
    free(nb);
    free(nd);
}
