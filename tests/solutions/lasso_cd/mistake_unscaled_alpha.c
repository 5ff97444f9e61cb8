/* expect: status=graded passed=no correctness=fail mistake=unscaled_alpha */
/* The update from the ESL-style derivation without the 1/n: rho_j = x_j.r
 * + ||x_j||^2 w_j and z_j = ||x_j||^2, thresholded at alpha -- but the loss
 * has a 1/(2n), so the threshold should have been n * alpha.  Weights are
 * shrunk far too little. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *xc = malloc(sizeof(double) * n * d), *r = malloc(sizeof(double) * n);
    double *mean = calloc(d, sizeof(double)), *z = calloc(d, sizeof(double));
    double ybar = 0;
    for (int i = 0; i < n; i++) {
        ybar += y[i] / n;
        for (int j = 0; j < d; j++)
            mean[j] += X[i * d + j] / n;
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
            xc[i * d + j] = X[i * d + j] - mean[j];
            z[j] += xc[i * d + j] * xc[i * d + j];
        }
        r[i] = y[i] - ybar;
    }
    for (int j = 0; j < d; j++)
        w[j] = 0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = rss / (2 * n) + alpha * l1;
        if (t > 0 && fabs(loss[t] - loss[t - 1]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++) {
            if (z[j] == 0)
                continue;
            double rho = z[j] * w[j];
            for (int i = 0; i < n; i++)
                rho += xc[i * d + j] * r[i];
            double s = fabs(rho) - alpha;
            double nw = s > 0 ? (rho > 0 ? s : -s) / z[j] : 0.0;
            for (int i = 0; i < n; i++)
                r[i] -= (nw - w[j]) * xc[i * d + j];
            w[j] = nw;
        }
    }
    double bb = ybar;
    for (int j = 0; j < d; j++)
        bb -= mean[j] * w[j];
    *b = bb;
    free(xc);
    free(r);
    free(mean);
    free(z);
    return t;
}
