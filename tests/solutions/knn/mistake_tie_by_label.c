/* expect: status=graded passed=no correctness=fail mistake=tie_by_label */
/* Exact distances, the k nearest by repeated selection, then the vote the
 * NumPy way: a count per label and argmax, which on a tie returns the lowest
 * label -- not the label whose nearest neighbour is nearer. */
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    int maxl = 0;
    for (int j = 0; j < n; j++)
        if (y[j] > maxl)
            maxl = y[j];
    double *dist = malloc(sizeof(double) * n);
    int *used = malloc(sizeof(int) * n);
    int *count = malloc(sizeof(int) * (maxl + 1));
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int l = 0; l < d; l++) {
                double t = X[j * d + l] - Q[i * d + l];
                s += t * t;
            }
            dist[j] = s;
            used[j] = 0;
        }
        for (int c = 0; c <= maxl; c++)
            count[c] = 0;
        for (int r = 0; r < k; r++) {
            int b = -1;
            for (int j = 0; j < n; j++)
                if (!used[j] && (b < 0 || dist[j] < dist[b]))
                    b = j;
            used[b] = 1;
            count[y[b]]++;
        }
        int arg = 0;
        for (int c = 1; c <= maxl; c++)
            if (count[c] > count[arg])
                arg = c;
        pred[i] = arg;
    }
    free(dist);
    free(used);
    free(count);
}
