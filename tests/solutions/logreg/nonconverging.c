/* expect: status=graded passed=no convergence=fail */
/* Trains for a fixed number of epochs: max_iter steps every time, never
 * looking at tol, so training keeps going long after the loss has stopped
 * changing (and n_iter is always max_iter). */
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double b;
    double *w;
};

static double sigmoid(double z)
{
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    (void)tol;
    if (n < 1 || d < 1 || max_iter < 1 || !(lr > 0) || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return NULL;
    logreg *m = malloc(sizeof *m);
    m->d = d;
    m->b = 0;
    m->w = calloc((size_t)d, sizeof(double));
    double *gw = malloc(sizeof(double) * (size_t)d);
    for (int t = 0; t < max_iter; t++) {
        double L = 0, gb = 0;
        for (int j = 0; j < d; j++)
            gw[j] = 0;
        for (int i = 0; i < n; i++) {
            double z = m->b;
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * m->w[j];
            L += fmax(z, 0) + log1p(exp(-fabs(z))) - y[i] * z;
            double e = sigmoid(z) - y[i];
            gb += e;
            for (int j = 0; j < d; j++)
                gw[j] += e * X[i * d + j];
        }
        double pen = 0;
        for (int j = 0; j < d; j++)
            pen += m->w[j] * m->w[j];
        loss[t] = L / n + 0.5 * l2 * pen;
        for (int j = 0; j < d; j++)
            m->w[j] -= lr * (gw[j] / n + l2 * m->w[j]);
        m->b -= lr * gb / n;
    }
    *n_iter = max_iter;
    free(gw);
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    for (int i = 0; i < n; i++) {
        double z = m->b;
        for (int j = 0; j < m->d; j++)
            z += X[i * m->d + j] * m->w[j];
        p[i] = sigmoid(z);
    }
}

void logreg_free(logreg *m)
{
    if (m) {
        free(m->w);
        free(m);
    }
}
