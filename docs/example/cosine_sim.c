/* Reference: cosine similarity between every row of A (n-by-d) and every
 * row of B (m-by-d), into S (n-by-m), all row-major.
 *
 * Each row is first scaled to unit length, then one dgemm computes every
 * dot product at once: S = Ahat Bhat^T.  Normalising first is what keeps
 * it stable: cblas_dnrm2 computes a norm without squaring the entries (no
 * overflow at 1e170, no underflow at 1e-170), and the unit rows' dot
 * products lie in [-1, 1].  A zero row stays zero, so its similarities
 * are 0 rather than 0/0. */
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

/* U = the rows of X (r-by-d) scaled to unit length; zero rows stay zero. */
static void unit_rows(const double *X, int r, int d, double *U)
{
    memcpy(U, X, sizeof(double) * (size_t)r * (size_t)d);
    for (int i = 0; i < r; i++) {
        double *u = U + (size_t)i * (size_t)d;
        double norm = cblas_dnrm2(d, u, 1);
        if (norm > 0)
            cblas_dscal(d, 1.0 / norm, u, 1);
    }
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    if (n < 1 || m < 1 || d < 1)
        return;
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
