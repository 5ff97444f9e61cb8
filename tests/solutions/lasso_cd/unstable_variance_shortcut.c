/* expect: status=graded passed=no correctness=pass stability=fail */
/* Never builds a centred copy: the centring is folded into the formulas,
 *   x_j . r (centred)  = sum_i x_ij r_i - mean_j sum_i r_i,
 *   z_j                = mean(x_j^2) - mean_j^2.
 * Algebraically right and fine near the origin, but for features around
 * 1e6 the last line subtracts two numbers near 1e12 to get about 1: every
 * digit of z_j is rounding. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *mx = calloc(d, sizeof(double)), *sq = calloc(d, sizeof(double));
    double *z = malloc(sizeof(double) * d), *r = malloc(sizeof(double) * n);
    double my = 0;
    for (int i = 0; i < n; i++) {
        my += y[i];
        for (int j = 0; j < d; j++) {
            mx[j] += X[i * d + j];
            sq[j] += X[i * d + j] * X[i * d + j];
        }
    }
    my /= n;
    for (int j = 0; j < d; j++) {
        mx[j] /= n;
        z[j] = sq[j] / n - mx[j] * mx[j];
        w[j] = 0;
    }
    for (int i = 0; i < n; i++)
        r[i] = y[i] - my;                 /* centred residual, sums to 0 */
    int t = 0;
    while (t < max_iter) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t++] = rss / (2 * n) + alpha * l1;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            if (z[j] <= 0) {
                w[j] = 0;
                continue;
            }
            double xr = 0, rs = 0;
            for (int i = 0; i < n; i++) {
                xr += X[i * d + j] * r[i];
                rs += r[i];
            }
            double rho = (xr - mx[j] * rs) / n + z[j] * w[j];
            double nw = rho > alpha ? (rho - alpha) / z[j] : rho < -alpha ? (rho + alpha) / z[j] : 0;
            for (int i = 0; i < n; i++)
                r[i] -= (nw - w[j]) * (X[i * d + j] - mx[j]);
            w[j] = nw;
        }
    }
    *b = my;
    for (int j = 0; j < d; j++)
        *b -= mx[j] * w[j];
    free(mx);
    free(sq);
    free(z);
    free(r);
    return t;
}
