/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Distances by blocks of queries with one dgemm each:
 *   D = ||q||^2 + ||x||^2 - 2 Q X^T
 * after shifting both sets by the training mean (distances are unchanged,
 * and the expansion no longer cancels the coordinates' offset).  The k
 * nearest are kept in a small array sorted by (distance, index) with
 * insertion; the vote walks them in order, so the first label to reach the
 * top count among ties is the one with the nearer neighbour. */
#include <cblas.h>
#include <stdlib.h>

#define QBLOCK 128

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    double *mean = calloc(d, sizeof(double));
    double *Xs = malloc(sizeof(double) * (size_t)n * d);
    double *Qs = malloc(sizeof(double) * (size_t)QBLOCK * d);
    double *xx = malloc(sizeof(double) * n);
    double *G = malloc(sizeof(double) * (size_t)QBLOCK * n);
    double *kd = malloc(sizeof(double) * k);
    int *ki = malloc(sizeof(int) * k);
    int *votes = malloc(sizeof(int) * k);
    if (!mean || !Xs || !Qs || !xx || !G || !kd || !ki || !votes)
        goto done;

    for (int j = 0; j < n; j++)
        cblas_daxpy(d, 1.0 / n, X + (size_t)j * d, 1, mean, 1);
    for (int j = 0; j < n; j++) {
        for (int l = 0; l < d; l++)
            Xs[(size_t)j * d + l] = X[(size_t)j * d + l] - mean[l];
        xx[j] = cblas_ddot(d, Xs + (size_t)j * d, 1, Xs + (size_t)j * d, 1);
    }

    for (int q0 = 0; q0 < m; q0 += QBLOCK) {
        int bq = m - q0 < QBLOCK ? m - q0 : QBLOCK;
        for (int r = 0; r < bq; r++)
            for (int l = 0; l < d; l++)
                Qs[(size_t)r * d + l] = Q[(size_t)(q0 + r) * d + l] - mean[l];
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, bq, n, d, -2.0, Qs, d,
                    Xs, d, 0.0, G, n);
        for (int r = 0; r < bq; r++) {
            const double *g = G + (size_t)r * n;
            double qq = cblas_ddot(d, Qs + (size_t)r * d, 1, Qs + (size_t)r * d, 1);
            int len = 0;
            for (int j = 0; j < n; j++) {
                double dist = g[j] + xx[j] + qq;
                if (dist < 0)
                    dist = 0;
                if (len == k && dist >= kd[k - 1])
                    continue;       /* equal distance: the earlier index stays */
                int p = len < k ? len++ : k - 1;
                while (p > 0 && kd[p - 1] > dist) {
                    kd[p] = kd[p - 1];
                    ki[p] = ki[p - 1];
                    p--;
                }
                kd[p] = dist;
                ki[p] = j;
            }
            /* votes[t]: how many of the k share the label of neighbour t */
            int win = 0, wv = 0;
            for (int t = 0; t < k; t++) {
                int c = 0, seen = 0;
                for (int u = 0; u < k; u++) {
                    if (y[ki[u]] != y[ki[t]])
                        continue;
                    if (u < t)
                        seen = 1;
                    c++;
                }
                if (seen)
                    continue;       /* this label was counted at its nearest */
                votes[t] = c;
                if (c > wv || (c == wv && kd[t] == kd[win] && y[ki[t]] < y[ki[win]])) {
                    win = t;
                    wv = c;
                }
            }
            pred[q0 + r] = y[ki[win]];
        }
    }
done:
    free(mean);
    free(Xs);
    free(Qs);
    free(xx);
    free(G);
    free(kd);
    free(ki);
    free(votes);
}
