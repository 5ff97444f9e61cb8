/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct, but for every coordinate the residual yc - Xc w is recomputed
 * from scratch (a full n-by-d product) instead of being updated by the
 * change in w_j: O(n d^2) per sweep instead of O(n d). */
#include <math.h>
#include <stdlib.h>

static void residual(const double *Xc, const double *yc, const double *w, int n,
                     int d, double *r)
{
    for (int i = 0; i < n; i++) { /* hot */
        double p = 0.0;
        for (int j = 0; j < d; j++)
            p += Xc[(long)i * d + j] * w[j];
        r[i] = yc[i] - p;
    }
}

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *Xc = malloc(sizeof(double) * (size_t)n * d);
    double *yc = malloc(sizeof(double) * n), *r = malloc(sizeof(double) * n);
    double *mx = calloc(d, sizeof(double));
    double my = 0.0;
    for (int i = 0; i < n; i++) {
        my += y[i];
        for (int j = 0; j < d; j++)
            mx[j] += X[(long)i * d + j];
    }
    my /= n;
    for (int j = 0; j < d; j++)
        mx[j] /= n;
    for (int i = 0; i < n; i++) {
        yc[i] = y[i] - my;
        for (int j = 0; j < d; j++)
            Xc[(long)i * d + j] = X[(long)i * d + j] - mx[j];
    }
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    int t = 0;
    while (t < max_iter) {
        residual(Xc, yc, w, n, d, r);
        double rss = 0.0, l1 = 0.0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t++] = rss / (2.0 * n) + alpha * l1;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int j = 0; j < d; j++) {
            residual(Xc, yc, w, n, d, r);
            double xr = 0.0, xx = 0.0;
            for (int i = 0; i < n; i++) {
                double x = Xc[(long)i * d + j];
                xr += x * r[i];
                xx += x * x;
            }
            if (xx == 0.0) {
                w[j] = 0.0;
                continue;
            }
            double z = xx / n, rho = xr / n + z * w[j];
            w[j] = rho > alpha ? (rho - alpha) / z : rho < -alpha ? (rho + alpha) / z : 0.0;
        }
    }
    double bb = my;
    for (int j = 0; j < d; j++)
        bb -= mx[j] * w[j];
    *b = bb;
    free(Xc);
    free(yc);
    free(r);
    free(mx);
    return t;
}
