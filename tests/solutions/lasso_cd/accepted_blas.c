/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass convergence=pass organization=pass */
/* Gram form with BLAS: a centred copy of X, G = Xc^T Xc by one dgemm,
 * c = Xc^T yc by one dgemv.  Each coordinate then needs only row j of G:
 * rho_j = (c_j - (G w)_j) / n + z_j w_j, where G w is kept current with a
 * daxpy whenever w_j moves.  The loss comes from the same quantities:
 * ||yc - Xc w||^2 = yc.yc - 2 c.w + w.(G w). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

static double shrink(double p, double a)
{
    return p > a ? p - a : (p < -a ? p + a : 0.0);
}

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    if (n < 1 || d < 1 || max_iter < 1 || alpha < 0 || tol < 0)
        return 0;
    double *Xc = malloc(sizeof(double) * (size_t)n * d);
    double *yc = malloc(sizeof(double) * n);
    double *G = malloc(sizeof(double) * (size_t)d * d);
    double *c = malloc(sizeof(double) * d);
    double *Gw = calloc(d, sizeof(double));
    double *mu = calloc(d, sizeof(double));
    int it = 0;
    if (!Xc || !yc || !G || !c || !Gw || !mu)
        goto out;

    double ym = 0.0;
    for (int i = 0; i < n; i++) {
        cblas_daxpy(d, 1.0, X + (size_t)i * d, 1, mu, 1);
        ym += y[i];
    }
    cblas_dscal(d, 1.0 / n, mu, 1);
    ym /= n;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            Xc[(size_t)i * d + j] = X[(size_t)i * d + j] - mu[j];
        yc[i] = y[i] - ym;
    }
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, d, n, 1.0, Xc, d, Xc, d,
                0.0, G, d);
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1.0, Xc, d, yc, 1, 0.0, c, 1);
    const double yy = cblas_ddot(n, yc, 1, yc, 1);

    for (it = 0; it < max_iter;) {
        double rss = yy - 2.0 * cblas_ddot(d, c, 1, w, 1) + cblas_ddot(d, w, 1, Gw, 1);
        if (rss < 0)
            rss = 0;
        loss[it] = rss / (2.0 * n) + alpha * cblas_dasum(d, w, 1);
        it++;
        if (it > 1 && fabs(loss[it - 1] - loss[it - 2]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            double zj = G[(size_t)j * d + j] / n;
            if (zj <= 0.0)
                continue;               /* w_j stays 0 */
            double rho = (c[j] - Gw[j]) / n + zj * w[j];
            double nw = shrink(rho, alpha) / zj;
            if (nw != w[j]) {
                cblas_daxpy(d, nw - w[j], G + (size_t)j * d, 1, Gw, 1);
                w[j] = nw;
            }
        }
    }
    *b = ym - cblas_ddot(d, mu, 1, w, 1);
out:
    free(Xc);
    free(yc);
    free(G);
    free(c);
    free(Gw);
    free(mu);
    return it;
}
