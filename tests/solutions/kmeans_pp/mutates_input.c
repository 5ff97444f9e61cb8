/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Uses u as its scratch space: each u[c] is overwritten with the target
 * u[c] * S before the walk ("it's only random numbers") -- a write into a
 * read-only input. */
#include <stdlib.h>

void kmeans_pp(const double *X, int n, int d, int k, const double *u,
               double *C, int *idx)
{
    double *t = (double *)u;
    double *D = malloc(sizeof(double) * n);
    int p = (int)(u[0] * n);
    if (p >= n)
        p = n - 1;
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            double S = 0;
            for (int i = 0; i < n; i++)
                S += D[i];
            if (S > 0) {
                t[c] *= S;
                double acc = 0;
                int last = 0;
                p = -1;
                for (int i = 0; i < n && p < 0; i++) {
                    acc += D[i];
                    if (D[i] > 0)
                        last = i;
                    if (acc > t[c])
                        p = i;
                }
                if (p < 0)
                    p = last;
            } else {
                p = (int)(u[c] * n);
                if (p >= n)
                    p = n - 1;
            }
        }
        idx[c] = p;
        for (int l = 0; l < d; l++)
            C[c * d + l] = X[p * d + l];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++)
                s += (X[i * d + l] - X[p * d + l]) * (X[i * d + l] - X[p * d + l]);
            if (c == 0 || s < D[i])
                D[i] = s;
        }
    }
    free(D);
}
