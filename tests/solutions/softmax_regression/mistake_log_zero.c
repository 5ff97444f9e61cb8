/* expect: status=graded passed=no stability=fail mistake=log_zero */
/* A stable softmax (max subtracted), but the loss is the textbook
 * -mean(log P[i][y_i]) with nothing guarding the log: when a point's own
 * class gets a probability that underflows to exactly 0, log gives -inf and
 * the loss history is ruined. */
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *W, *b;
};

static void forward(const struct softmax_reg *m, const double *x, double *p)
{
    int d = m->d, k = m->k;
    double mx = -INFINITY, s = 0;
    for (int c = 0; c < k; c++) {
        p[c] = m->b[c];
        for (int j = 0; j < d; j++)
            p[c] += x[j] * m->W[j * k + c];
        if (p[c] > mx)
            mx = p[c];
    }
    for (int c = 0; c < k; c++)
        s += (p[c] = exp(p[c] - mx));
    for (int c = 0; c < k; c++)
        p[c] /= s;
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
    double *p = malloc(sizeof(double) * k);
    int t = 0;
    while (t < max_iter) {
        double L = 0;
        for (int q = 0; q < d * k; q++)
            gW[q] = 0;
        for (int c = 0; c < k; c++)
            gb[c] = 0;
        for (int i = 0; i < n; i++) {
            forward(m, X + i * d, p);
            L -= log(p[y[i]]);
            p[y[i]] -= 1;
            for (int c = 0; c < k; c++) {
                gb[c] += p[c];
                for (int j = 0; j < d; j++)
                    gW[j * k + c] += X[i * d + j] * p[c];
            }
        }
        double r = 0;
        for (int q = 0; q < d * k; q++)
            r += m->W[q] * m->W[q];
        loss[t++] = L / n + 0.5 * l2 * r;
        if (t > 1 && fabs(loss[t - 1] - loss[t - 2]) < tol)
            break;
        for (int q = 0; q < d * k; q++)
            m->W[q] -= lr * (gW[q] / n + l2 * m->W[q]);
        for (int c = 0; c < k; c++)
            m->b[c] -= lr * gb[c] / n;
    }
    *n_iter = t;
    free(gW);
    free(gb);
    free(p);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    for (int i = 0; i < n; i++)
        forward(m, X + i * m->d, P + i * m->k);
}
