/* expect: status=graded passed=no stability=fail mistake=no_zero_guard */
/* Divides every row by its norm, also when the norm is 0. */
#include <math.h>
#include <stdlib.h>

static double safe_norm(const double *x, int d)
{
    double big = 0, s = 0;
    for (int k = 0; k < d; k++)
        if (fabs(x[k]) > big)
            big = fabs(x[k]);
    for (int k = 0; k < d && big > 0; k++)
        s += (x[k] / big) * (x[k] / big);
    return big * sqrt(s);
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    for (int i = 0; i < n; i++) {
        const double *a = A + (long)i * d;
        double na = safe_norm(a, d);
        for (int j = 0; j < m; j++) {
            const double *b = B + (long)j * d;
            double nb = safe_norm(b, d), s = 0;
            for (int k = 0; k < d; k++)
                s += (a[k] * (1 / na)) * (b[k] * (1 / nb));
            S[(long)i * m + j] = s;
        }
    }
}
