/* Reference: ridge regression in closed form.
 *
 *   L(w, b) = ||X w + b - y||^2 + alpha ||w||^2     (the bias is not penalised)
 *
 * dL/db = 0 gives b = mean(y) - mean(X).w, and substituting it leaves
 *
 *   (Xc^T Xc + alpha I) w = Xc^T yc,   Xc = X - 1 mean(X)^T,  yc = y - mean(y).
 *
 * Centring first matters numerically: with the intercept folded into an
 * augmented system, features far from 0 make the normal matrix
 * ill-conditioned, while Xc^T Xc only sees the spread.
 *
 * Xc^T Xc is accumulated block by block: a block of centred rows is written
 * to a small scratch (it stays in cache) and added with one dsyrk; Xc^T yc
 * comes from a dgemv on the same block.  The d-by-d system is symmetric
 * positive definite when alpha > 0 (and when alpha = 0 with Xc of full
 * column rank), so it is solved by Cholesky (LAPACKE_dposv) -- never an
 * explicit inverse.
 *
 * Returns 0 with w and b written, or -1 (w and b untouched) for invalid
 * arguments (NULL arrays, n < 1, d < 1, alpha < 0 or NaN), when the matrix
 * is not positive definite (alpha = 0 with linearly dependent features), or
 * when scratch memory cannot be allocated. */
#include <cblas.h>
#include <lapacke.h>
#include <stddef.h>
#include <stdlib.h>

/* Rows per block: about 128 KiB of centred rows, at least 8. */
static int block_rows(int n, int d)
{
    int r = 16384 / d;
    if (r < 8)
        r = 8;
    return r < n ? r : n;
}

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (!X || !y || !w || !b || n < 1 || d < 1 || !(alpha >= 0.0))
        return -1;

    const int B = block_rows(n, d);
    const size_t dd = (size_t)d * (size_t)d;
    double *G = malloc(dd * sizeof *G);
    double *mean = malloc((size_t)d * sizeof *mean);
    double *rhs = malloc((size_t)d * sizeof *rhs);
    double *Xb = malloc((size_t)B * (size_t)d * sizeof *Xb);
    double *yb = malloc((size_t)B * sizeof *yb);
    int rc = -1;
    if (!G || !mean || !rhs || !Xb || !yb)
        goto out;

    /* column means of X and the mean of y */
    for (int j = 0; j < d; j++)
        mean[j] = 0.0;
    double ymean = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            mean[j] += x[j];
        ymean += y[i];
    }
    const double inv_n = 1.0 / n;
    for (int j = 0; j < d; j++)
        mean[j] *= inv_n;
    ymean *= inv_n;

    /* G = Xc^T Xc (upper triangle), rhs = Xc^T yc, one block of rows at a time */
    for (int j = 0; j < d; j++)
        rhs[j] = 0.0;
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        for (int r = 0; r < m; r++) {
            const double *x = X + (size_t)(i0 + r) * d;
            double *xc = Xb + (size_t)r * d;
            for (int j = 0; j < d; j++)
                xc[j] = x[j] - mean[j];
            yb[r] = y[i0 + r] - ymean;
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, m, 1.0, Xb, d,
                    i0 == 0 ? 0.0 : 1.0, G, d);
        cblas_dgemv(CblasRowMajor, CblasTrans, m, d, 1.0, Xb, d, yb, 1, 1.0,
                    rhs, 1);
    }
    for (int j = 0; j < d; j++)
        G[(size_t)j * d + j] += alpha;   /* the penalty: w only, never b */

    /* Cholesky solve; info > 0 means not positive definite */
    if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', d, 1, G, d, rhs, 1) != 0)
        goto out;

    double bias = ymean;
    for (int j = 0; j < d; j++) {
        w[j] = rhs[j];
        bias -= mean[j] * rhs[j];
    }
    *b = bias;
    rc = 0;
out:
    free(G);
    free(mean);
    free(rhs);
    free(Xb);
    free(yb);
    return rc;
}
