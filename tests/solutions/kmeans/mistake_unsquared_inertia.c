/* expect: status=graded passed=no correctness=fail mistake=unsquared_inertia */
/* Assignment and update are right, but the inertia adds up the plain
 * Euclidean distances (with the sqrt), not the squared ones. */
#include <math.h>
#include <stdlib.h>

static double euclid(const double *a, const double *b, int d)
{
    double s = 0.0;
    for (int l = 0; l < d; l++)
        s += (a[l] - b[l]) * (a[l] - b[l]);
    return sqrt(s);
}

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    double *mean = malloc(sizeof(double) * k * d);
    int *cnt = malloc(sizeof(int) * k);
    if (!mean || !cnt) {
        free(mean);
        free(cnt);
        return 0;
    }
    int t = 0;
    for (;;) {
        double in = 0.0;
        for (int j = 0; j < k * d; j++)
            mean[j] = 0.0;
        for (int j = 0; j < k; j++)
            cnt[j] = 0;
        for (int i = 0; i < n; i++) {
            int c = 0;
            double dc = euclid(X + i * d, C, d);
            for (int j = 1; j < k; j++) {
                double dj = euclid(X + i * d, C + j * d, d);
                if (dj < dc) {
                    dc = dj;
                    c = j;
                }
            }
            labels[i] = c;
            in += dc;                 /* should be dc * dc */
            cnt[c]++;
            for (int l = 0; l < d; l++)
                mean[c * d + l] += X[i * d + l];
        }
        inertia[t++] = in;
        double shift = 0.0;
        for (int j = 0; j < k; j++) {
            if (!cnt[j])
                continue;
            for (int l = 0; l < d; l++)
                mean[j * d + l] /= cnt[j];
            double s = euclid(mean + j * d, C + j * d, d);
            if (s > shift)
                shift = s;
            for (int l = 0; l < d; l++)
                C[j * d + l] = mean[j * d + l];
        }
        if (shift <= tol || t == max_iter)
            break;
    }
    free(mean);
    free(cnt);
    return t;
}
