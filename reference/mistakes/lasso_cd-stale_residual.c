/* Mistake variant lasso_cd/stale_residual.
 *
 * Every rho_j of a sweep is computed from the residual at the start of
 * the sweep (a Jacobi step, not coordinate descent): q = G w is brought
 * up to date only after the sweep.
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
#include <math.h>
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

static double soft_threshold(double r, double a)
{
    if (r > a)
        return r - a;
    if (r < -a)
        return r + a;
    return 0.0;
}

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    if (w && d >= 1)
        for (int j = 0; j < d; j++)
            w[j] = 0.0;
    if (b)
        *b = 0.0;
    if (!X || !y || !w || !b || !loss || n < 1 || d < 1 || max_iter < 1 ||
        !(alpha >= 0.0) || !(tol >= 0.0))
        return 0;

    const int B = block_rows(n, d);
    double *G = malloc((size_t)d * (size_t)d * sizeof *G);
    double *c = malloc((size_t)d * sizeof *c);
    double *q = calloc((size_t)d, sizeof *q);
    double *mean = calloc((size_t)d, sizeof *mean);
    double *Xb = malloc((size_t)B * (size_t)d * sizeof *Xb);
    double *yb = malloc((size_t)B * sizeof *yb);
    double *wold = malloc((size_t)d * sizeof *wold);
    int t = 0;
    if (!G || !c || !q || !mean || !Xb || !yb || !wold)
        goto out;

    /* means */
    double ymean = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            mean[j] += x[j];
        ymean += y[i];
    }
    for (int j = 0; j < d; j++)
        mean[j] /= n;      /* a division, so a constant column centres to 0 */
    ymean /= n;
    const double inv_n = 1.0 / n;

    /* G = Xc^T Xc, c = Xc^T yc, yy = yc.yc, block by block */
    double yy = 0.0;
    for (int j = 0; j < d; j++)
        c[j] = 0.0;
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        for (int r = 0; r < m; r++) {
            const double *x = X + (size_t)(i0 + r) * d;
            double *xc = Xb + (size_t)r * d;
            for (int j = 0; j < d; j++)
                xc[j] = x[j] - mean[j];
            yb[r] = y[i0 + r] - ymean;
            yy += yb[r] * yb[r];
        }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, m, 1.0, Xb, d,
                    i0 == 0 ? 0.0 : 1.0, G, d);
        cblas_dgemv(CblasRowMajor, CblasTrans, m, d, 1.0, Xb, d, yb, 1, 1.0,
                    c, 1);
    }
    for (int j = 0; j < d; j++)          /* mirror: rows of G are its columns */
        for (int k = j + 1; k < d; k++)
            G[(size_t)k * d + j] = G[(size_t)j * d + k];

    const double thr = n * alpha;        /* S(rho/n, alpha) = S(n rho, n alpha)/n */
    for (t = 0; t < max_iter; t++) {
        double l1 = 0.0;
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        const double sq = yy - 2.0 * cblas_ddot(d, c, 1, w, 1) + cblas_ddot(d, w, 1, q, 1);
        loss[t] = 0.5 * inv_n * (sq > 0.0 ? sq : 0.0) + alpha * l1;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++)
            wold[j] = w[j];
        for (int j = 0; j < d; j++) {
            const double gjj = G[(size_t)j * d + j];
            /* MISTAKE: q = G wold is not updated as the w_j change */
            w[j] = gjj > 0.0
                ? soft_threshold(c[j] - q[j] + gjj * wold[j], thr) / gjj : 0.0;
        }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, d, d, 1.0, G, d, w, 1, 0.0, q, 1);
    }
    *b = ymean - cblas_ddot(d, mean, 1, w, 1);
out:
    free(G);
    free(c);
    free(q);
    free(mean);
    free(Xb);
    free(yb);
    free(wold);
    return t;
}
