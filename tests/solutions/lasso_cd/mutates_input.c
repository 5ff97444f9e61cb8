/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Centres X and y in place by casting away const ("saves a copy of X"),
 * runs coordinate descent, and then tries to put the means back.  The
 * caller's arrays are written to. */
#include <math.h>
#include <stdlib.h>

int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    double *A = (double *)X, *v = (double *)y;
    double *mx = calloc(d, sizeof(double)), *z = calloc(d, sizeof(double));
    double *r = malloc(sizeof(double) * n);
    double my = 0;
    for (int i = 0; i < n; i++) {
        my += v[i] / n;
        for (int j = 0; j < d; j++)
            mx[j] += A[i * d + j] / n;
    }
    for (int i = 0; i < n; i++) {
        v[i] -= my;
        r[i] = v[i];
        for (int j = 0; j < d; j++) {
            A[i * d + j] -= mx[j];
            z[j] += A[i * d + j] * A[i * d + j] / n;
        }
    }
    for (int j = 0; j < d; j++)
        w[j] = 0;
    int t = 0;
    for (; t < max_iter; t++) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++)
            rss += r[i] * r[i];
        for (int j = 0; j < d; j++)
            l1 += fabs(w[j]);
        loss[t] = rss / (2 * n) + alpha * l1;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++) {
            if (z[j] == 0)
                continue;
            double rho = 0;
            for (int i = 0; i < n; i++)
                rho += A[i * d + j] * r[i];
            rho = rho / n + z[j] * w[j];
            double nw = rho > alpha ? (rho - alpha) / z[j] : rho < -alpha ? (rho + alpha) / z[j] : 0;
            for (int i = 0; i < n; i++)
                r[i] -= (nw - w[j]) * A[i * d + j];
            w[j] = nw;
        }
    }
    for (int i = 0; i < n; i++) {
        v[i] += my;
        for (int j = 0; j < d; j++)
            A[i * d + j] += mx[j];
    }
    *b = my;
    for (int j = 0; j < d; j++)
        *b -= mx[j] * w[j];
    free(mx);
    free(z);
    free(r);
    return t;
}
