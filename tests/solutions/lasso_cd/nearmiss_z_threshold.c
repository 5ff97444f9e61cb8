/* expect: status=graded passed=no correctness=fail stability=pass convergence=pass organization=pass mistake=none */
/* Near miss: plain loops, the residual way, right in every step but the
 * test for a constant column: "z_j below 1e-12 is zero up to rounding",
 * so such a feature keeps w_j = 0.  Features with a real but tiny spread
 * (1e-7, z_j about 1e-14) carry the signal and must be fitted: the
 * statement sets w_j = 0 only when z_j = 0. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    *b = 0.0;
    if (n < 1 || d < 1 || max_iter < 1 || !(alpha >= 0) || !(tol >= 0))
        return 0;
    double *col = malloc(sizeof(double) * (size_t)n * d);   /* col[j*n + i] */
    double *r = malloc(sizeof(double) * n);
    double *z = malloc(sizeof(double) * d);
    double *mx = calloc(d, sizeof(double));
    if (!col || !r || !z || !mx) {
        free(col);
        free(r);
        free(z);
        free(mx);
        return 0;
    }
    double my = 0.0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            mx[j] += X[(long)i * d + j];
        my += y[i];
    }
    for (int j = 0; j < d; j++)
        mx[j] /= n;
    my /= n;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            col[(long)j * n + i] = X[(long)i * d + j] - mx[j];
        r[i] = y[i] - my;
    }
    for (int j = 0; j < d; j++) {
        double s = 0.0;
        for (int i = 0; i < n; i++)
            s += col[(long)j * n + i] * col[(long)j * n + i];
        z[j] = s / n;
    }

    int t = 0;
    while (t < max_iter) {
        double sq = 0.0, l1 = 0.0;
        for (int i = 0; i < n; i++)
            sq += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = sq / (2.0 * n) + alpha * l1;
        t++;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            const double *xj = col + (long)j * n;
            if (z[j] < 1e-12) {           /* constant up to rounding: nothing to fit */
                w[j] = 0.0;
                continue;
            }
            double rho = 0.0;
            for (int i = 0; i < n; i++)
                rho += xj[i] * r[i];
            rho = rho / n + z[j] * w[j];
            double nw = 0.0;
            if (rho > alpha)
                nw = (rho - alpha) / z[j];
            else if (rho < -alpha)
                nw = (rho + alpha) / z[j];
            double dw = nw - w[j];
            if (dw != 0.0)
                for (int i = 0; i < n; i++)
                    r[i] -= dw * xj[i];
            w[j] = nw;
        }
    }
    double bias = my;
    for (int j = 0; j < d; j++)
        bias -= mx[j] * w[j];
    *b = bias;
    free(col);
    free(r);
    free(z);
    free(mx);
    return t;
}
