/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Standardises the training set and the queries in place ("KNN needs
 * scaled features") by casting away const.  Besides answering a different
 * question than the one asked, it writes into the caller's arrays. */
#include <math.h>
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    double *Xw = (double *)X, *Qw = (double *)Q;
    for (int l = 0; l < d; l++) {
        double mu = 0, var = 0;
        for (int j = 0; j < n; j++)
            mu += X[j * d + l] / n;
        for (int j = 0; j < n; j++)
            var += (X[j * d + l] - mu) * (X[j * d + l] - mu) / n;
        double sd = var > 0 ? sqrt(var) : 1.0;
        for (int j = 0; j < n; j++)
            Xw[j * d + l] = (X[j * d + l] - mu) / sd;
        for (int i = 0; i < m; i++)
            Qw[i * d + l] = (Q[i * d + l] - mu) / sd;
    }
    if (k > n)
        k = n;
    int *nb = malloc(sizeof(int) * k);
    double *dist = malloc(sizeof(double) * n);
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int l = 0; l < d; l++)
                s += (X[j * d + l] - Q[i * d + l]) * (X[j * d + l] - Q[i * d + l]);
            dist[j] = s;
        }
        for (int t = 0; t < k; t++) {
            int b = -1;
            for (int j = 0; j < n; j++)
                if (dist[j] >= 0 && (b < 0 || dist[j] < dist[b]))
                    b = j;
            nb[t] = b;
            dist[b] = -1;
        }
        int win = 0, wc = 0;
        for (int t = 0; t < k; t++) {
            int c = 0;
            for (int u = 0; u < k; u++)
                c += y[nb[u]] == y[nb[t]];
            if (c > wc)
                win = t, wc = c;
        }
        pred[i] = y[nb[win]];
    }
    free(nb);
    free(dist);
}
