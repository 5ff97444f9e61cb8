/* expect: status=graded passed=no stability=fail correctness=pass organization=pass mistake=none */
/* Near miss: plain loops with a max-shifted softmax, right in every step
 * but the clip of the loss: P is clipped at 1e-7 ("small enough") where
 * the statement says 1e-15.  While every point's own probability stays
 * above 1e-7 the two agree; a confidently wrong point at 1e-11 contributes
 * -log(1e-7) = 16.1 instead of 25.3, and the loss history is wrong. */
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *W;      /* d-by-k */
    double *b;      /* k */
};

/* p = softmax(z), shifted by the max so exp never overflows */
static void softmax_row(const double *z, int k, double *p)
{
    double mx = z[0], s = 0.0;
    for (int c = 1; c < k; c++)
        if (z[c] > mx)
            mx = z[c];
    for (int c = 0; c < k; c++) {
        p[c] = exp(z[c] - mx);
        s += p[c];
    }
    for (int c = 0; c < k; c++)
        p[c] /= s;
}

static void logits(const softmax_reg *m, const double *x, double *z)
{
    for (int c = 0; c < m->k; c++)
        z[c] = m->b[c];
    for (int j = 0; j < m->d; j++)
        for (int c = 0; c < m->k; c++)
            z[c] += x[j] * m->W[j * m->k + c];
}

void softmax_reg_free(softmax_reg *m)
{
    if (!m)
        return;
    free(m->W);
    free(m->b);
    free(m);
}

softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || k < 1 || max_iter < 1 || !(lr > 0) || !(l2 >= 0) || !(tol >= 0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return NULL;
    softmax_reg *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->d = d;
    m->k = k;
    m->W = calloc((size_t)d * k, sizeof(double));
    m->b = calloc(k, sizeof(double));
    double *gW = malloc(sizeof(double) * d * k), *gb = malloc(sizeof(double) * k);
    double *z = malloc(sizeof(double) * k), *p = malloc(sizeof(double) * k);
    if (!m->W || !m->b || !gW || !gb || !z || !p) {
        softmax_reg_free(m);
        free(gW);
        free(gb);
        free(z);
        free(p);
        return NULL;
    }
    int t = 0;
    while (t < max_iter) {
        for (int q = 0; q < d * k; q++)
            gW[q] = 0.0;
        for (int c = 0; c < k; c++)
            gb[c] = 0.0;
        double ce = 0.0;
        for (int i = 0; i < n; i++) {
            const double *x = X + (long)i * d;
            logits(m, x, z);
            softmax_row(z, k, p);
            double py = p[y[i]] < 1e-7 ? 1e-7 : p[y[i]];    /* avoid log(0) */
            ce -= log(py);
            p[y[i]] -= 1.0;                  /* p <- p - onehot(y) */
            for (int c = 0; c < k; c++)
                gb[c] += p[c];
            for (int j = 0; j < d; j++)
                for (int c = 0; c < k; c++)
                    gW[j * k + c] += x[j] * p[c];
        }
        double reg = 0.0;
        for (int q = 0; q < d * k; q++)
            reg += m->W[q] * m->W[q];
        loss[t++] = ce / n + 0.5 * l2 * reg;
        if (t > 1 && fabs(loss[t - 2] - loss[t - 1]) < tol)
            break;
        for (int q = 0; q < d * k; q++)
            m->W[q] -= lr * (gW[q] / n + l2 * m->W[q]);
        for (int c = 0; c < k; c++)
            m->b[c] -= lr * gb[c] / n;
    }
    *n_iter = t;
    free(gW);
    free(gb);
    free(z);
    free(p);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    double *z = malloc(sizeof(double) * m->k);
    if (!z)
        return;
    for (int i = 0; i < n; i++) {
        logits(m, X + (long)i * m->d, z);
        softmax_row(z, m->k, P + (long)i * m->k);
    }
    free(z);
}
