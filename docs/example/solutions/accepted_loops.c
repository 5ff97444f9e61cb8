/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops: the norms once per row (scaled, so 1e170 does not
 * overflow), then one dot product per pair. */
#include <math.h>
#include <stdlib.h>

static double safe_norm(const double *x, int d)
{
    double big = 0, s = 0;
    for (int k = 0; k < d; k++)
        if (fabs(x[k]) > big)
            big = fabs(x[k]);
    if (big == 0)
        return 0;
    for (int k = 0; k < d; k++)
        s += (x[k] / big) * (x[k] / big);
    return big * sqrt(s);
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *na = malloc(sizeof(double) * n), *nb = malloc(sizeof(double) * m);
    if (!na || !nb) {
        free(na);
        free(nb);
        return;
    }
    for (int i = 0; i < n; i++)
        na[i] = safe_norm(A + (long)i * d, d);
    for (int j = 0; j < m; j++)
        nb[j] = safe_norm(B + (long)j * d, d);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            const double *a = A + (long)i * d, *b = B + (long)j * d;
            double s = 0;
            if (na[i] > 0 && nb[j] > 0)
                for (int k = 0; k < d; k++)
                    s += (a[k] / na[i]) * (b[k] / nb[j]);
            S[(long)i * m + j] = s;
        }
    free(na);
    free(nb);
}
