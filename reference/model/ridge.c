/* Model answer: ridge regression from the normal equations of the centred
 * data, solved by Cholesky. */
#include <cblas.h>
#include <lapacke.h>
#include <stdlib.h>
#include <string.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0)
        return -1;
    double *mean = calloc(d, sizeof(double));
    double *Xc = malloc(sizeof(double) * n * d), *yc = malloc(sizeof(double) * n);
    double *G = malloc(sizeof(double) * d * d);
    double ymean = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            mean[j] += X[i * d + j];
        ymean += y[i];
    }
    for (int j = 0; j < d; j++)
        mean[j] /= n;
    ymean /= n;

    /* centre X and y: b = mean(y) - mean(X).w drops out of the system, and
     * features far from 0 do not make it ill-conditioned */
    memcpy(Xc, X, sizeof(double) * n * d);
    memcpy(yc, y, sizeof(double) * n);
#if !MISTAKE(uncentred)
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            Xc[i * d + j] -= mean[j];
        yc[i] -= ymean;
    }
#endif

    /* (Xc^T Xc + alpha I) w = Xc^T yc; the penalty is on w only, never b */
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1, Xc, d, 0, G, d);
    for (int j = 0; j < d; j++)
        G[j * d + j] += alpha;
    cblas_dgemv(CblasRowMajor, CblasTrans, n, d, 1, Xc, d, yc, 1, 0, w, 1);
#if MISTAKE(regularised_bias)
    /* alpha b^2 in the loss adds g (mean(X).w - mean(y))^2, g = n alpha/(n + alpha) */
    double g = n * alpha / (n + alpha);
    cblas_dsyr(CblasRowMajor, CblasUpper, d, g, mean, 1, G, d);
    cblas_daxpy(d, g * ymean, mean, 1, w, 1);
#endif
    /* symmetric positive definite: a Cholesky solve, never an inverse */
    LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', d, 1, G, d, w, 1);
    *b = ymean - cblas_ddot(d, mean, 1, w, 1);
#if MISTAKE(regularised_bias)
    *b *= n / (n + alpha);
#endif
    free(mean);
    free(Xc);
    free(yc);
    free(G);
    return 0;
}
