/* expect: status=graded passed=no stability=fail mistake=zero_variance_nan */
/* Right algorithm, but the update is S(rho_j, alpha) / z_j with no check on
 * z_j: a constant column (or a single sample) makes that 0/0 = NaN, and the
 * NaN then flows into the residual and every other weight. */
#include <math.h>
#include <stdlib.h>

static double soft(double p, double a)
{
    if (p > a)
        return p - a;
    if (p < -a)
        return p + a;
    return 0;
}

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *Xc = malloc(sizeof(double) * n * d), *r = malloc(sizeof(double) * n);
    double *mx = malloc(sizeof(double) * d), *z = malloc(sizeof(double) * d);
    double my = 0;
    for (int i = 0; i < n; i++)
        my += y[i];
    my /= n;
    for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += X[i * d + j];
        mx[j] = s / n;
        z[j] = 0;
        for (int i = 0; i < n; i++) {
            Xc[i * d + j] = X[i * d + j] - mx[j];
            z[j] += Xc[i * d + j] * Xc[i * d + j];
        }
        z[j] /= n;
        w[j] = 0;
    }
    for (int i = 0; i < n; i++)
        r[i] = y[i] - my;
    int t = 0;
    for (; t < max_iter; t++) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = rss / (2.0 * n) + alpha * l1;
        if (t && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++) {
            double rho = 0;
            for (int i = 0; i < n; i++)
                rho += Xc[i * d + j] * r[i];
            rho = rho / n + z[j] * w[j];
            double nw = soft(rho, alpha) / z[j];
            for (int i = 0; i < n; i++)
                r[i] += (w[j] - nw) * Xc[i * d + j];
            w[j] = nw;
        }
    }
    *b = my;
    for (int j = 0; j < d; j++)
        *b -= mx[j] * w[j];
    free(Xc);
    free(r);
    free(mx);
    free(z);
    return t;
}
