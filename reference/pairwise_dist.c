/* Reference: Euclidean distance matrix between the rows of A (n-by-d) and
 * the rows of B (m-by-d), into D (n-by-m), all row-major.
 *
 *   ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b
 *
 * The cross terms for all pairs are one dgemm, D = -2 A B^T; then each entry
 * gets the two squared norms added, is clamped at 0 (rounding can make the
 * expansion slightly negative when a and b are nearly equal, and sqrt of a
 * negative number is NaN), and square-rooted.  The expansion is the fast
 * formula but loses absolute precision ~ sqrt(eps) * ||a|| for nearly equal
 * points; the checks allow for that.  Does nothing for sizes below 1 or
 * when memory runs out. */
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
            row[j] = sqrt(s > 0.0 ? s : 0.0);
        }
    }
    free(nb);
}
