/* Mistake variant ridge/regularised_bias.
 *
 * The intercept is folded into the system as a column of ones, and alpha is
 * added to every diagonal entry -- the bias's included:
 *   ([X 1]^T [X 1] + alpha I) [w; b] = [X 1]^T y.
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
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

    const int D = d + 1;                 /* the features and a column of ones */
    const int B = block_rows(n, D);
    const size_t dd = (size_t)D * (size_t)D;
    double *G = malloc(dd * sizeof *G);
    double *rhs = malloc((size_t)D * sizeof *rhs);
    double *Xb = malloc((size_t)B * (size_t)D * sizeof *Xb);
    double *yb = malloc((size_t)B * sizeof *yb);
    int rc = -1;
    if (!G || !rhs || !Xb || !yb)
        goto out;

    /* G = A^T A (upper triangle), rhs = A^T y with A = [X 1], by blocks */
    for (int j = 0; j < D; j++)
        rhs[j] = 0.0;
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        for (int r = 0; r < m; r++) {
            const double *x = X + (size_t)(i0 + r) * d;
            double *a = Xb + (size_t)r * D;
            for (int j = 0; j < d; j++)
                a[j] = x[j];
            a[d] = 1.0;
            yb[r] = y[i0 + r];
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, D, m, 1.0, Xb, D,
                    i0 == 0 ? 0.0 : 1.0, G, D);
        cblas_dgemv(CblasRowMajor, CblasTrans, m, D, 1.0, Xb, D, yb, 1, 1.0,
                    rhs, 1);
    }
    for (int j = 0; j < D; j++)
        G[(size_t)j * D + j] += alpha;   /* MISTAKE: the bias's entry too */

    if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', D, 1, G, D, rhs, 1) != 0)
        goto out;
    for (int j = 0; j < d; j++)
        w[j] = rhs[j];
    *b = rhs[d];
    rc = 0;
out:
    free(G);
    free(rhs);
    free(Xb);
    free(yb);
    return rc;
}
