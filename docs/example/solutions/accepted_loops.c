/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops, in the reference's order: copies of the rows scaled to unit
 * length (the norm divided by the row's largest entry first, so 1e170
 * does not overflow; zero rows stay zero), then one dot product per pair. */
#include <math.h>
#include <stdlib.h>

static void unit_rows(const double *X, int r, int d, double *U)
{
    for (int i = 0; i < r; i++) {
        const double *x = X + (long)i * d;
        double big = 0, s = 0;
        for (int k = 0; k < d; k++)
            if (fabs(x[k]) > big)
                big = fabs(x[k]);
        for (int k = 0; k < d && big > 0; k++)
            s += (x[k] / big) * (x[k] / big);
        double norm = big * sqrt(s);
        for (int k = 0; k < d; k++)
            U[(long)i * d + k] = norm > 0 ? x[k] / norm : 0;
    }
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *ua = malloc(sizeof(double) * n * d), *ub = malloc(sizeof(double) * m * d);
    if (ua && ub) {
        unit_rows(A, n, d, ua);
        unit_rows(B, m, d, ub);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++)
                    s += ua[(long)i * d + k] * ub[(long)j * d + k];
                S[(long)i * m + j] = s;
            }
    }
    free(ua);
    free(ub);
}
