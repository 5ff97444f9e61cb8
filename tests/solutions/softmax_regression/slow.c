/* expect: status=graded correctness=pass stability=pass vectorization=fail convergence=pass organization=pass */
/* Correct and stable, but organised around one probability at a time:
 * prob(i, c) recomputes the whole row of logits, its max and its
 * denominator, and the gradient asks for prob(i, c) once per weight
 * (j, c) -- O(n d^2 k^2) work per step instead of O(n d k). */
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *W, *b;
};

static double logit(const softmax_reg *m, const double *x, int c)
{
    double z = m->b[c];
    for (int j = 0; j < m->d; j++) /* hot */
        z += x[j] * m->W[j * m->k + c];
    return z;
}

/* log P(c | x), from scratch */
static double log_prob(const softmax_reg *m, const double *x, int c)
{
    double mx = -INFINITY, s = 0;
    for (int o = 0; o < m->k; o++)
        if (logit(m, x, o) > mx)
            mx = logit(m, x, o);
    for (int o = 0; o < m->k; o++)
        s += exp(logit(m, x, o) - mx);
    return logit(m, x, c) - mx - log(s);
}

void softmax_reg_free(softmax_reg *m)
{
    if (m) {
        free(m->W);
        free(m->b);
        free(m);
    }
}

softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return NULL;
    softmax_reg *m = malloc(sizeof *m);
    m->d = d;
    m->k = k;
    m->W = calloc(d * k, sizeof(double));
    m->b = calloc(k, sizeof(double));
    double *gW = malloc(sizeof(double) * d * k), *gb = malloc(sizeof(double) * k);
    int t = 0;
    while (t < max_iter) {
        double L = 0, r = 0;
        for (int i = 0; i < n; i++)
            L -= log_prob(m, X + i * d, y[i]);
        for (int q = 0; q < d * k; q++)
            r += m->W[q] * m->W[q];
        loss[t++] = L / n + 0.5 * l2 * r;
        if (t > 1 && fabs(loss[t - 1] - loss[t - 2]) < tol)
            break;
        for (int c = 0; c < k; c++) {
            gb[c] = 0;
            for (int i = 0; i < n; i++)
                gb[c] += exp(log_prob(m, X + i * d, c)) - (y[i] == c);
            for (int j = 0; j < d; j++) {
                double g = 0;
                for (int i = 0; i < n; i++)
                    g += X[i * d + j] * (exp(log_prob(m, X + i * d, c)) - (y[i] == c));
                gW[j * k + c] = g / n + l2 * m->W[j * k + c];
            }
        }
        for (int q = 0; q < d * k; q++)
            m->W[q] -= lr * gW[q];
        for (int c = 0; c < k; c++)
            m->b[c] -= lr * gb[c] / n;
    }
    *n_iter = t;
    free(gW);
    free(gb);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    for (int i = 0; i < n; i++)
        for (int c = 0; c < m->k; c++)
            P[i * m->k + c] = exp(log_prob(m, X + i * m->d, c));
}
