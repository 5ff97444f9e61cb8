/* expect: status=graded passed=no stability=fail mistake=naive_norm */
/* norm = sqrt(sum of squares): right for ordinary data, but the squares of
 * entries near 1e170 overflow to inf. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

static void unit_rows(const double *X, int r, int d, double *U)
{
    for (int i = 0; i < r; i++) {
        const double *x = X + (size_t)i * d;
        double s = 0;
        for (int k = 0; k < d; k++)
            s += x[k] * x[k];
        double norm = sqrt(s);
        for (int k = 0; k < d; k++)
            U[(size_t)i * d + k] = norm > 0 ? x[k] / norm : 0;
    }
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *ua = malloc(sizeof(double) * (size_t)n * d);
    double *ub = malloc(sizeof(double) * (size_t)m * d);
    if (ua && ub) {
        unit_rows(A, n, d, ua);
        unit_rows(B, m, d, ub);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, 1.0, ua, d, ub, d,
                    0.0, S, m);
    }
    free(ua);
    free(ub);
}
