/* expect: status=graded passed=no organization=fail */
/* Uses the +-1 label form, L = mean log(1 + exp(-s z)) with s = 2y - 1, and
 * converts the caller's labels to +-1 in place (casting away const) to do
 * it, turning them back at the end.  The model is right, but a const input
 * was written to. */
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
    double *w = calloc(d, sizeof(double));
    double *g = malloc(sizeof(double) * d);
    if (!m || !w || !g) {
        free(m);
        free(w);
        free(g);
        return NULL;
    }
    int *s = (int *)y;
    for (int i = 0; i < n; i++)
        s[i] = 2 * s[i] - 1;

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
            double u = -s[i] * z;                  /* loss log(1 + e^u) */
            L += fmax(u, 0.0) + log1p(exp(-fabs(u)));
            double e = -s[i] * sigmoid(u);         /* = p - y */
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
    for (int i = 0; i < n; i++)
        s[i] = (s[i] + 1) / 2;
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
