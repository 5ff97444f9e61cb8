/* expect: status=graded passed=no correctness=fail mistake=none */
/* The plain-loops version with the vote counts kept in bytes ("k is a
 * handful of neighbours"): right until a label holds 256 votes, where its
 * count wraps to 0 and it loses the vote. */
#include <stdlib.h>

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (k > n)
        k = n;
    double *dist = malloc(sizeof(double) * n);
    char *taken = malloc(n);
    int *lab = malloc(sizeof(int) * k);
    unsigned char *cnt = malloc(k);    /* a vote count is small */
    double *first = malloc(sizeof(double) * k);
    if (!dist || !taken || !lab || !cnt || !first)
        goto done;
    for (int i = 0; i < m; i++) {
        const double *q = Q + (long)i * d;
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                double t = X[(long)j * d + l] - q[l];
                s += t * t;
            }
            dist[j] = s;
            taken[j] = 0;
        }
        int nl = 0;
        for (int r = 0; r < k; r++) {
            int b = -1;
            for (int j = 0; j < n; j++)
                if (!taken[j] && (b < 0 || dist[j] < dist[b]))
                    b = j;
            taken[b] = 1;
            int s = 0;
            while (s < nl && lab[s] != y[b])
                s++;
            if (s == nl) {
                lab[nl] = y[b];
                cnt[nl] = 0;
                first[nl++] = dist[b];
            }
            cnt[s]++;
        }
        int w = 0;
        for (int s = 1; s < nl; s++) {
            if (cnt[s] > cnt[w])
                w = s;
            else if (cnt[s] == cnt[w] && first[s] == first[w] && lab[s] < lab[w])
                w = s;
        }
        pred[i] = lab[w];
    }
done:
    free(dist);
    free(taken);
    free(lab);
    free(cnt);
    free(first);
}
