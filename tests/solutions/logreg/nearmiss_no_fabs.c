/* expect: status=graded passed=no correctness=pass stability=fail convergence=pass organization=pass mistake=none */
/* Near miss: the stop test measures how much the loss went down,
 * loss[t-1] - loss[t] < tol, without the absolute value.  While the loss
 * decreases that is the same test; when a learning rate too large makes the
 * loss go up, the difference is negative and training stops at once, where
 * |loss[t-1] - loss[t]| < tol would go on. */
#include <math.h>
#include <stdlib.h>

struct logreg {
    int d;
    double *w;
    double b;
};

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

static double clip(double p)
{
    const double eps = 1e-15;
    return p < eps ? eps : (p > 1.0 - eps ? 1.0 - eps : p);
}

static int args_ok(const double *X, const int *y, int n, int d, double lr,
                   double l2, int max_iter, double tol, const double *loss,
                   const int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n < 1 || d < 1 || max_iter < 1)
        return 0;
    if (!(lr > 0) || !(l2 >= 0) || !(tol >= 0))
        return 0;
    for (int i = 0; i < n; i++)
        if (y[i] != 0 && y[i] != 1)
            return 0;
    return 1;
}

logreg *logreg_fit(const double *X, const int *y, int n, int d,
                   double lr, double l2, int max_iter, double tol,
                   double *loss, int *n_iter)
{
    if (!args_ok(X, y, n, d, lr, l2, max_iter, tol, loss, n_iter))
        return NULL;
    logreg *m = malloc(sizeof *m);
    double *gw = malloc(sizeof(double) * d);
    if (m)
        m->w = calloc(d, sizeof(double));
    if (!m || !m->w || !gw) {
        if (m)
            free(m->w);
        free(m);
        free(gw);
        return NULL;
    }
    m->d = d;
    m->b = 0.0;

    int t = 0;
    while (t < max_iter) {
        double ce = 0.0, gb = 0.0;
        for (int j = 0; j < d; j++)
            gw[j] = 0.0;
        for (int i = 0; i < n; i++) {
            const double *x = X + (long)i * d;
            double z = m->b;
            for (int j = 0; j < d; j++)
                z += x[j] * m->w[j];
            double p = sigmoid(z), pc = clip(p);
            ce -= y[i] ? log(pc) : log(1.0 - pc);
            double e = p - y[i];
            gb += e;
            for (int j = 0; j < d; j++)
                gw[j] += e * x[j];
        }
        double reg = 0.0;
        for (int j = 0; j < d; j++)
            reg += m->w[j] * m->w[j];
        loss[t] = ce / n + 0.5 * l2 * reg;
        t++;
        if (t > 1 && loss[t - 2] - loss[t - 1] < tol)    /* the loss went down by less than tol */
            break;
        for (int j = 0; j < d; j++)
            m->w[j] -= lr * (gw[j] / n + l2 * m->w[j]);
        m->b -= lr * gb / n;
    }
    *n_iter = t;
    free(gw);
    return m;
}

void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    for (int i = 0; i < n; i++) {
        double z = m->b;
        for (int j = 0; j < m->d; j++)
            z += X[(long)i * m->d + j] * m->w[j];
        p[i] = sigmoid(z);
    }
}

void logreg_free(logreg *m)
{
    if (!m)
        return;
    free(m->w);
    free(m);
}
