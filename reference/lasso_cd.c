/* Reference: Lasso by cyclic coordinate descent.
 *
 *   L(w) = (1/(2n)) ||yc - Xc w||^2 + alpha ||w||_1,
 *   Xc, yc = X, y with their column means subtracted; b = mean(y) - mean(X).w
 *   (the intercept is never penalised, and on centred data it drops out).
 *
 * For t = 0, 1, ...: loss[t] = L(w); stop (returning t + 1) if t > 0 and
 * |loss[t-1] - loss[t]| < tol; otherwise one sweep j = 0, 1, ..., d-1:
 *
 *   rho_j = (1/n) x_j . (yc - Xc w + x_j w_j),   z_j = (1/n) ||x_j||^2,
 *   w_j   = S(rho_j, alpha) / z_j,   S(r, a) = sign(r) max(|r| - a, 0),
 *   and w_j = 0 when z_j = 0 (a constant column).
 *
 * At most max_iter losses (then max_iter sweeps have run).  w starts at 0.
 *
 * Everything a sweep needs is in the Gram matrix G = Xc^T Xc and the
 * vector c = Xc^T yc, formed once (dsyrk over blocks of centred rows, as in
 * the ridge reference): with q = G w kept up to date,
 *   n rho_j = c_j - q_j + G_jj w_j,   n z_j = G_jj,
 *   2n L    = yc.yc - 2 c.w + w.q  (+ the penalty),
 * and moving w_j by delta adds delta G[:, j] to q.  A sweep is O(d^2)
 * instead of O(n d).
 *
 * Returns the number of losses written, or 0 (with w = 0, b = 0 when they
 * are usable) for invalid arguments (NULL arrays, n < 1, d < 1,
 * max_iter < 1, alpha < 0, tol < 0 or NaN) or when memory runs out. */
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
    int t = 0;
    if (!G || !c || !q || !mean || !Xb || !yb)
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
        for (int j = 0; j < d; j++) {
            const double *g = G + (size_t)j * d;
            const double gjj = g[j];
            const double nw = gjj > 0.0
                ? soft_threshold(c[j] - q[j] + gjj * w[j], thr) / gjj : 0.0;
            const double delta = nw - w[j];
            if (delta != 0.0) {
                cblas_daxpy(d, delta, g, 1, q, 1);
                w[j] = nw;
            }
        }
    }
    *b = ymean - cblas_ddot(d, mean, 1, w, 1);
out:
    free(G);
    free(c);
    free(q);
    free(mean);
    free(Xb);
    free(yb);
    return t;
}
