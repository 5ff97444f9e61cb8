/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Standardises the features in place before training ("gradient descent
 * likes scaled features") by casting away const, folds the scaling into the
 * weights at the end, and restores X.  The caller's X is written to. */
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
    double *A = (double *)X;
    double *sd = malloc(sizeof(double) * d);
    for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += X[i * d + j] * X[i * d + j];
        sd[j] = s > 0 ? sqrt(s / n) : 1;
        for (int i = 0; i < n; i++)
            A[i * d + j] /= sd[j];
    }
    softmax_reg *m = malloc(sizeof *m);
    m->d = d;
    m->k = k;
    m->W = calloc(d * k, sizeof(double));
    m->b = calloc(k, sizeof(double));
    double *p = malloc(sizeof(double) * k), *gW = malloc(sizeof(double) * d * k);
    double *gb = malloc(sizeof(double) * k);
    int t = 0;
    while (t < max_iter) {
        double L = 0;
        for (int q = 0; q < d * k; q++)
            gW[q] = 0;
        for (int c = 0; c < k; c++)
            gb[c] = 0;
        for (int i = 0; i < n; i++) {
            double mx = -INFINITY, s = 0;
            for (int c = 0; c < k; c++) {
                p[c] = m->b[c];
                for (int j = 0; j < d; j++)
                    p[c] += X[i * d + j] * m->W[j * k + c];
                if (p[c] > mx)
                    mx = p[c];
            }
            for (int c = 0; c < k; c++)
                s += exp(p[c] - mx);
            L += mx + log(s) - p[y[i]];
            for (int c = 0; c < k; c++) {
                double g = exp(p[c] - mx) / s - (c == y[i]);
                gb[c] += g;
                for (int j = 0; j < d; j++)
                    gW[j * k + c] += X[i * d + j] * g;
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
    for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++)
            A[i * d + j] *= sd[j];
        for (int c = 0; c < k; c++)
            m->W[j * k + c] /= sd[j];
    }
    free(sd);
    free(p);
    free(gW);
    free(gb);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    int d = m->d, k = m->k;
    for (int i = 0; i < n; i++) {
        double mx = -INFINITY, s = 0;
        for (int c = 0; c < k; c++) {
            double z = m->b[c];
            for (int j = 0; j < d; j++)
                z += X[i * d + j] * m->W[j * k + c];
            P[i * k + c] = z;
            if (z > mx)
                mx = z;
        }
        for (int c = 0; c < k; c++)
            s += (P[i * k + c] = exp(P[i * k + c] - mx));
        for (int c = 0; c < k; c++)
            P[i * k + c] /= s;
    }
}
