/* expect: status=graded passed=no correctness=fail mistake=uncentred */
/* Coordinate descent straight on the raw X and y ("the intercept can be
 * fixed afterwards"), then b = mean(y) - mean(X).w.  Without centring, w
 * has to explain the offset of y too, so both w and b come out wrong. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *r = malloc(sizeof(double) * n), *z = calloc(d, sizeof(double));
    for (int i = 0; i < n; i++) {
        r[i] = y[i];
        for (int j = 0; j < d; j++)
            z[j] += X[i * d + j] * X[i * d + j] / n;
    }
    for (int j = 0; j < d; j++)
        w[j] = 0;
    int t = 0;
    while (t < max_iter) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = rss / (2.0 * n) + alpha * l1;
        t++;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            if (z[j] == 0)
                continue;
            double rho = 0;
            for (int i = 0; i < n; i++)
                rho += X[i * d + j] * r[i];
            rho = rho / n + z[j] * w[j];
            double nw = 0;
            if (rho > alpha)
                nw = (rho - alpha) / z[j];
            if (rho < -alpha)
                nw = (rho + alpha) / z[j];
            for (int i = 0; i < n; i++)
                r[i] -= (nw - w[j]) * X[i * d + j];
            w[j] = nw;
        }
    }
    double my = 0;
    for (int i = 0; i < n; i++)
        my += y[i] / n;
    *b = my;
    for (int j = 0; j < d; j++) {
        double mx = 0;
        for (int i = 0; i < n; i++)
            mx += X[i * d + j] / n;
        *b -= mx * w[j];
    }
    free(r);
    free(z);
    return t;
}
