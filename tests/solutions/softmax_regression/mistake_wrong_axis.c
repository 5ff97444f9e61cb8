/* expect: status=graded passed=no correctness=fail mistake=wrong_axis */
/* Computes all the logits into an n-by-k matrix, then normalises it like
 * np.exp(Z - Z.max(axis=0)) / np.exp(...).sum(axis=0): down each column,
 * over the samples, instead of along each row over the classes.  Columns
 * of P sum to 1; rows do not. */
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *W, *b;
};

static void probs(const softmax_reg *m, const double *X, int n, double *P)
{
    int d = m->d, k = m->k;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++) {
            double z = m->b[c];
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * m->W[j * k + c];
            P[i * k + c] = z;
        }
    for (int c = 0; c < k; c++) {
        double mx = P[c], s = 0;
        for (int i = 1; i < n; i++)
            if (P[i * k + c] > mx)
                mx = P[i * k + c];
        for (int i = 0; i < n; i++)
            s += (P[i * k + c] = exp(P[i * k + c] - mx));
        for (int i = 0; i < n; i++)
            P[i * k + c] /= s;
    }
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
    double *P = malloc(sizeof(double) * n * k);
    int t = 0;
    while (t < max_iter) {
        probs(m, X, n, P);
        double L = 0, r = 0;
        for (int i = 0; i < n; i++) {
            L -= log(P[i * k + y[i]] > 1e-15 ? P[i * k + y[i]] : 1e-15);
            P[i * k + y[i]] -= 1;
        }
        for (int q = 0; q < d * k; q++)
            r += m->W[q] * m->W[q];
        loss[t++] = L / n + l2 / 2 * r;
        if (t > 1 && fabs(loss[t - 1] - loss[t - 2]) < tol)
            break;
        for (int j = 0; j < d; j++)
            for (int c = 0; c < k; c++) {
                double g = 0;
                for (int i = 0; i < n; i++)
                    g += X[i * d + j] * P[i * k + c];
                m->W[j * k + c] -= lr * (g / n + l2 * m->W[j * k + c]);
            }
        for (int c = 0; c < k; c++) {
            double g = 0;
            for (int i = 0; i < n; i++)
                g += P[i * k + c];
            m->b[c] -= lr * g / n;
        }
    }
    *n_iter = t;
    free(P);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    probs(m, X, n, P);
}
