/* Mistake variant pca/not_centred.
 *
 * the data are never centred: C = X^T X / (n - 1) and Z = X V_k^T.
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1024 };    /* rows shifted at a time: BLOCK*d doubles */

/* buf = X[i0 .. i0+m) - c, row by row */
static void centre_block(const double *X, int d, int i0, int m, const double *c,
                         double *buf)
{
    for (int r = 0; r < m; r++) {
        const double *x = X + (size_t)(i0 + r) * d;
        double *b = buf + (size_t)r * d;
        for (int j = 0; j < d; j++)
            b[j] = x[j] - c[j];
    }
}

/* the sign convention: the largest-magnitude entry (first on a tie) > 0 */
static void fix_sign(double *v, int d)
{
    int at = 0;
    for (int j = 1; j < d; j++)
        if (fabs(v[j]) > fabs(v[at]))
            at = j;
    if (v[at] < 0)
        for (int j = 0; j < d; j++)
            v[j] = -v[j];
}

int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    if (!X || !components || !explained_variance || !explained_ratio || !Z ||
        n < 2 || d < 1 || k < 1 || k > d)
        return -1;
    const int B = n < BLOCK ? n : BLOCK;
    double *mu = calloc((size_t)d, sizeof *mu);
    double *shift = calloc((size_t)d, sizeof *shift);
    double *C = calloc((size_t)d * d, sizeof *C);
    double *lam = malloc((size_t)d * sizeof *lam);
    double *buf = malloc((size_t)B * d * sizeof *buf);
    int rc = -1;
    if (!mu || !shift || !C || !lam || !buf)
        goto out;

    /* s = the mean of the first block */
    for (int i = 0; i < B; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            shift[j] += x[j];
    }
    for (int j = 0; j < d; j++)
        shift[j] = 0.0;    /* the mistake: no centring */

    /* pass 1: C (upper, row-major) = sum of Xs_blk^T Xs_blk, delta = column
     * sums of Xs, with Xs = X - s */
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        centre_block(X, d, i0, m, shift, buf);
        for (int r = 0; r < m; r++) {
            const double *b = buf + (size_t)r * d;
            for (int j = 0; j < d; j++)
                mu[j] += b[j];
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, m, 1.0, buf, d,
                    1.0, C, d);
    }
    for (int j = 0; j < d; j++)
        mu[j] = 0.0;       /* the mistake: no centring */
    const double s1 = 1.0 / (n - 1);
    for (int j = 0; j < d; j++)
        for (int l = j; l < d; l++)
            C[(size_t)j * d + l] = (C[(size_t)j * d + l] - n * mu[j] * mu[l]) * s1;
    for (int j = 0; j < d; j++)
        mu[j] += shift[j];                   /* mu = s + delta */
    double total = 0.0;
    for (int j = 0; j < d; j++)
        total += C[(size_t)j * d + j];

    /* eigenpairs, ascending; column r of the column-major result is v_r */
    if (LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'L', d, C, d, lam) != 0)
        goto out;
    for (int r = 0; r < k; r++) {
        const int src = d - 1 - r;
        double *v = components + (size_t)r * d;
        memcpy(v, C + (size_t)src * d, (size_t)d * sizeof *v);
        fix_sign(v, d);
        explained_variance[r] = lam[src];
        explained_ratio[r] = total > 0.0 ? lam[src] / total : 0.0;
    }

    /* Z = Xc V_k^T, block by block */
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        centre_block(X, d, i0, m, mu, buf);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, k, d, 1.0, buf, d,
                    components, d, 0.0, Z + (size_t)i0 * k, k);
    }
    rc = 0;
out:
    free(mu);
    free(shift);
    free(C);
    free(lam);
    free(buf);
    return rc;
}
