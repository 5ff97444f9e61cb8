/* expect: status=compile_error passed=no */
/* Labels taken as doubles (const double *y) "because the math is in
 * doubles": the prototype says const int *, so this does not compile. */
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double *w;
    double b;
};

static double sigmoid(double z)
{
    return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

logreg *logreg_fit(const double *X, const double *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n < 1 || d < 1 || max_iter < 1)
        return NULL;
    logreg *m = malloc(sizeof *m);
    double *w = calloc(d, sizeof(double));
    double *g = malloc(sizeof(double) * d);
    if (!m || !w || !g) {
        free(m);
        free(w);
        free(g);
        return NULL;
    }
    double b = 0.0;
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0.0, gb = 0.0;
        for (int j = 0; j < d; j++)
            g[j] = 0.0;
        for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * w[j];
            L += fmax(z, 0.0) + log1p(exp(-fabs(z))) - y[i] * z;
            double e = sigmoid(z) - y[i];
            gb += e;
            for (int j = 0; j < d; j++)
                g[j] += e * X[i * d + j];
        }
        double r = 0.0;
        for (int j = 0; j < d; j++)
            r += w[j] * w[j];
        loss[t] = L / n + 0.5 * l2 * r;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int j = 0; j < d; j++)
            w[j] -= lr * (g[j] / n + l2 * w[j]);
        b -= lr * gb / n;
    }
    *n_iter = t;
    free(g);
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
