/* Model answer: the cosine similarity of every row of A with every row
 * of B.  Scale each row to unit length first (a zero row stays zero),
 * then one matrix product gives every similarity at once: S = Ahat Bhat^T,
 * each entry in [-1, 1]. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

/* ||x|| without overflow: divide by the largest |x_k| before squaring,
 * or entries around 1e170 square to inf. */
static double norm2(const double *x, int d)
{
#if MISTAKE(naive_norm)
    double s = 0;
    for (int k = 0; k < d; k++)
        s += x[k] * x[k];
    return sqrt(s);
#else
    double big = 0, s = 0;
    for (int k = 0; k < d; k++)
        big = fmax(big, fabs(x[k]));
    if (big == 0)
        return 0;
    for (int k = 0; k < d; k++)
        s += (x[k] / big) * (x[k] / big);
    return big * sqrt(s);
#endif
}

/* U = the rows of X (r-by-d) scaled to unit length. */
static void unit_rows(const double *X, int r, int d, double *U)
{
    for (int i = 0; i < r; i++) {
        const double *x = X + (size_t)i * d;
        double *u = U + (size_t)i * d;
        double norm = norm2(x, d);
#if MISTAKE(unnormalized)
        norm = 1;
#endif
        for (int k = 0; k < d; k++) {
#if MISTAKE(no_zero_guard)
            u[k] = x[k] / norm;
#else
            u[k] = norm > 0 ? x[k] / norm : 0;    /* a zero row: 0, not 0/0 */
#endif
        }
    }
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *ua = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *ub = malloc(sizeof(double) * (size_t)m * (size_t)d);
    if (ua && ub) {
        unit_rows(A, n, d, ua);
        unit_rows(B, m, d, ub);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, 1.0, ua, d, ub, d,
                    0.0, S, m);
    }
    free(ua);
    free(ub);
}
