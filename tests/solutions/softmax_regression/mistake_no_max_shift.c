/* expect: status=graded passed=no stability=fail mistake=no_max_shift */
/* The softmax straight from the formula, exp(z_c) / sum exp(z), and the
 * loss as log(sum exp(z)) - z_y.  Right on small data; once the logits pass
 * 709, exp returns inf and P turns into inf/inf = NaN. */
#include <math.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *W, *b;
};

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
    double *e = malloc(sizeof(double) * k);
    int t;
    for (t = 0; t < max_iter; t++) {
        double L = 0;
        for (int q = 0; q < d * k; q++)
            gW[q] = 0;
        for (int c = 0; c < k; c++)
            gb[c] = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double z = m->b[c];
                for (int j = 0; j < d; j++)
                    z += X[i * d + j] * m->W[j * k + c];
                if (c == y[i])
                    L -= z;
                e[c] = exp(z);
                s += e[c];
            }
            L += log(s);
            for (int c = 0; c < k; c++) {
                double g = e[c] / s - (c == y[i]);
                gb[c] += g;
                for (int j = 0; j < d; j++)
                    gW[j * k + c] += X[i * d + j] * g;
            }
        }
        double r = 0;
        for (int q = 0; q < d * k; q++)
            r += m->W[q] * m->W[q];
        loss[t] = L / n + l2 / 2 * r;
        if (t > 0 && fabs(loss[t] - loss[t - 1]) < tol) {
            t++;
            break;
        }
        for (int q = 0; q < d * k; q++)
            m->W[q] -= lr * (gW[q] / n + l2 * m->W[q]);
        for (int c = 0; c < k; c++)
            m->b[c] -= lr * gb[c] / n;
    }
    *n_iter = t;
    free(gW);
    free(gb);
    free(e);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    int d = m->d, k = m->k;
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            double z = m->b[c];
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * m->W[j * k + c];
            P[i * k + c] = exp(z);
            s += P[i * k + c];
        }
        for (int c = 0; c < k; c++)
            P[i * k + c] /= s;
    }
}
