/* Model answer: lasso by cyclic coordinate descent on centred data. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

/* S(p, a) = sign(p) max(|p| - a, 0) */
static double soft_threshold(double p, double a)
{
    return p > a ? p - a : p < -a ? p + a : 0;
}

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    /* Xc is stored by column (d-by-n), so x_j is contiguous; r = yc - Xc w */
    double *Xc = malloc(sizeof *Xc * ((size_t)n * d + n + 2 * (size_t)d));
    if (!Xc) return 0;    /* out of memory */
    double *r = Xc + (size_t)n * d, *z = r + n, *mean = z + d;

    /* Centre: the intercept is not penalised, and on centred data it drops
     * out; it comes back at the end as b = mean(y) - mean(X).w. */
    double ymean = 0;
    for (int j = 0; j < d; j++)
        mean[j] = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            mean[j] += X[(size_t)i * d + j];
        ymean += y[i];
    }
    for (int j = 0; j < d; j++)
        mean[j] /= n;
    ymean /= n;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
#if MISTAKE(uncentred)
            Xc[(size_t)j * n + i] = X[(size_t)i * d + j];
#else
            Xc[(size_t)j * n + i] = X[(size_t)i * d + j] - mean[j];
#endif
#if MISTAKE(uncentred)
        r[i] = y[i];
#else
        r[i] = y[i] - ymean;    /* w = 0: the residual is yc */
#endif
    }
    for (int j = 0; j < d; j++) {
        z[j] = cblas_ddot(n, Xc + (size_t)j * n, 1, Xc + (size_t)j * n, 1);
        w[j] = 0;
    }

    /* rho and z are sums over the samples here, n times the statement's
     * means: the threshold scales with them */
#if MISTAKE(unscaled_alpha)
    double thr = alpha;
#else
    double thr = n * alpha;
#endif
    int t;
    for (t = 0; t < max_iter; t++) {
        loss[t] = cblas_ddot(n, r, 1, r, 1) / (2.0 * n) + alpha * cblas_dasum(d, w, 1);
#if !MISTAKE(ignores_tol)
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;    /* loss[t] was written */
            break;
        }
#endif
        for (int j = 0; j < d; j++) {
            const double *xj = Xc + (size_t)j * n;
            double rho = cblas_ddot(n, xj, 1, r, 1) + z[j] * w[j];
#if MISTAKE(zero_variance_nan)
            double wj = soft_threshold(rho, thr) / z[j];
#else
            double wj = z[j] > 0 ? soft_threshold(rho, thr) / z[j] : 0;   /* constant column */
#endif
            /* the next coordinate sees this one's move: r -= (wj - w_j) x_j */
#if !MISTAKE(stale_residual)
            cblas_daxpy(n, w[j] - wj, xj, 1, r, 1);
#endif
            w[j] = wj;
        }
#if MISTAKE(stale_residual)
        for (int i = 0; i < n; i++)
            r[i] = y[i] - ymean;
        cblas_dgemv(CblasRowMajor, CblasTrans, d, n, -1, Xc, n, w, 1, 1, r, 1);
#endif
    }
    *b = ymean - cblas_ddot(d, mean, 1, w, 1);
    free(Xc);
    return t;
}
