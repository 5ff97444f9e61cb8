/* expect: status=graded passed=no correctness=fail mistake=stale_residual */
/* "Vectorised" sweep: all the rho_j are computed at once from the residual
 * at the start of the sweep (rho = Xc^T r / n + z * w), all the weights are
 * thresholded, and only then is the residual recomputed.  That is a Jacobi
 * step, not coordinate descent: with correlated features it overshoots and
 * the loss can even go up. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *xc = malloc(sizeof(double) * n * d), *yc = malloc(sizeof(double) * n);
    double *r = malloc(sizeof(double) * n), *rho = malloc(sizeof(double) * d);
    double *mean = calloc(d, sizeof(double)), *z = calloc(d, sizeof(double));
    double ym = 0;
    for (int i = 0; i < n; i++) {
        ym += y[i];
        for (int j = 0; j < d; j++)
            mean[j] += X[i * d + j];
    }
    ym /= n;
    for (int j = 0; j < d; j++)
        mean[j] /= n;
    for (int i = 0; i < n; i++) {
        yc[i] = y[i] - ym;
        for (int j = 0; j < d; j++) {
            xc[i * d + j] = X[i * d + j] - mean[j];
            z[j] += xc[i * d + j] * xc[i * d + j] / n;
        }
    }
    for (int j = 0; j < d; j++)
        w[j] = 0;
    int t = 0;
    while (t < max_iter) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int j = 0; j < d; j++)
                p += xc[i * d + j] * w[j];
            r[i] = yc[i] - p;
            rss += r[i] * r[i];
        }
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t++] = rss / (2 * n) + alpha * l1;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += xc[i * d + j] * r[i];
            rho[j] = s / n + z[j] * w[j];
        }
        for (int j = 0; j < d; j++) {
            if (z[j] == 0) {
                w[j] = 0;
                continue;
            }
            double a = fabs(rho[j]) - alpha;
            w[j] = a > 0 ? copysign(a, rho[j]) / z[j] : 0;
        }
    }
    double bb = ym;
    for (int j = 0; j < d; j++)
        bb -= mean[j] * w[j];
    *b = bb;
    free(xc);
    free(yc);
    free(r);
    free(rho);
    free(mean);
    free(z);
    return t;
}
