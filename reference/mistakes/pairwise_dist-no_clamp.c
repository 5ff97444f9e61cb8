/* Mistake variant pairwise_dist/no_clamp.
 *
 * The expansion ||a||^2 + ||b||^2 - 2 a.b goes straight into sqrt, without
 * clamping at 0: for (nearly) equal rows rounding makes it a tiny negative
 * number and the distance is NaN.  Everything else is identical to the
 * reference. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

static double sqnorm(const double *x, int d)
{
    double s0 = 0.0, s1 = 0.0;
    int k = 0;
    for (; k + 1 < d; k += 2) {
        s0 += x[k] * x[k];
        s1 += x[k + 1] * x[k + 1];
    }
    if (k < d)
        s0 += x[k] * x[k];
    return s0 + s1;
}

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    if (n < 1 || m < 1 || d < 1)
        return;
    double *nb = malloc(sizeof(double) * (size_t)m);
    if (!nb)
        return;
    for (int j = 0; j < m; j++)
        nb[j] = sqnorm(B + (size_t)j * (size_t)d, d);

    /* D = -2 A B^T */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, -2.0, A, d, B, d, 0.0,
                D, m);

    for (int i = 0; i < n; i++) {
        const double na = sqnorm(A + (size_t)i * (size_t)d, d);
        double *row = D + (size_t)i * (size_t)m;
        for (int j = 0; j < m; j++) {
            const double s = row[j] + na + nb[j];
            row[j] = sqrt(s);
        }
    }
    free(nb);
}
