/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct and stable, but the gradient is built one weight at a time and
 * each weight recomputes every sample's z = x.w + b: O(n d^2) per step. */
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double *w;
    double b;
};

static double sigm(double z)
{
    return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n < 1 || d < 1 || max_iter < 1 ||
        !(lr > 0) || !(l2 >= 0) || !(tol >= 0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    logreg *m = malloc(sizeof *m);
    double *dw = malloc(sizeof(double) * d);
    double *w = calloc(d, sizeof(double));
    if (!m || !dw || !w) {
        free(m);
        free(dw);
        free(w);
        return NULL;
    }
    double b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0.0, db = 0.0;
        for (int j = 0; j < d; j++)
            dw[j] = 0.0;
        for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * w[j];
            L += fmax(z, 0.0) + log1p(exp(-fabs(z))) - y[i] * z;
            db += sigm(z) - y[i];
        }
        for (int j = 0; j < d; j++)
            for (int i = 0; i < n; i++) { /* hot */
                double z = b;
                for (int q = 0; q < d; q++)
                    z += X[(long)i * d + q] * w[q];
                double pz = z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
                dw[j] += (pz - y[i]) * X[(long)i * d + j];
            }
        double pen = 0.0;
        for (int j = 0; j < d; j++)
            pen += w[j] * w[j];
        loss[t] = L / n + 0.5 * l2 * pen;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++)
            w[j] -= lr * (dw[j] / n + l2 * w[j]);
        b -= lr * db / n;
    }
    *n_iter = t;
    free(dw);
    m->d = d;
    m->w = w;
    m->b = b;
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    for (int i = 0; i < n; i++) {
        double z = m->b;
        for (int j = 0; j < m->d; j++)
            z += X[i * m->d + j] * m->w[j];
        p[i] = sigm(z);
    }
}

void logreg_free(logreg *m)
{
    if (m) {
        free(m->w);
        free(m);
    }
}
