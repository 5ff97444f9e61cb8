/* expect: status=graded passed=no stability=fail mistake=log_zero */
/* Binary cross-entropy exactly as written on the whiteboard,
 * -(y log p + (1 - y) log(1 - p)), with p = 1 / (1 + exp(-z)) and no
 * clipping.  Once the model is confident p rounds to exactly 0 or 1, log
 * gives -inf and 0 * -inf gives NaN: the loss history is ruined. */
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
    double b = 0.0;
    int it = 0;
    for (; it < max_iter; it++) {
        double J = 0.0, gb = 0.0;
        for (int j = 0; j < d; j++)
            g[j] = 0.0;
        for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * w[j];
            double p = sigmoid(z);
            J += -(y[i] * log(p) + (1 - y[i]) * log(1 - p));
            gb += p - y[i];
            for (int j = 0; j < d; j++)
                g[j] += (p - y[i]) * X[i * d + j];
        }
        double reg = 0.0;
        for (int j = 0; j < d; j++)
            reg += w[j] * w[j];
        loss[it] = J / n + l2 / 2 * reg;
        if (it > 0 && fabs(loss[it] - loss[it - 1]) < tol) {
            it++;
            break;
        }
        for (int j = 0; j < d; j++)
            w[j] -= lr * (g[j] / n + l2 * w[j]);
        b -= lr * gb / n;
    }
    *n_iter = it;
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
