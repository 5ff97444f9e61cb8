/* Reference: multi-class logistic (softmax) regression by batch gradient
 * descent, behind a fit/predict interface.
 *
 *   Z = X W + 1 b^T  (n-by-k),   P = row-wise softmax(Z)
 *   L = -(1/n) sum_i log P[i, y_i] + (l2/2) ||W||_F^2
 *     = (1/n) sum_i [logsumexp(z_i) - z_i,y_i] + (l2/2) ||W||^2
 *   dL/dW = (1/n) X^T (P - Y) + l2 W,   dL/db = (1/n) sum_i (P_i - Y_i)
 *   (Y one-hot; the bias is not regularised)
 *
 * logsumexp(z) = max(z) + log sum_c exp(z_c - max(z)) never overflows, and
 * the loss is taken from it directly, never as log(P), so it stays finite
 * when a probability underflows to 0.  The same shifted exponentials give P.
 *
 * Same loop as logreg: from W = 0, b = 0, loss[t] at the current
 * parameters; stop if t > 0 and |loss[t-1] - loss[t]| < tol; otherwise
 * step.  *n_iter = losses written (at most max_iter).
 *
 * Per step two dgemms: Z = X W (b is added row by row), and the update
 * W <- (1 - lr l2) W - (lr/n) X^T (P - Y), done in place by one dgemm with
 * beta = 1 - lr l2.  Z is overwritten by P - Y.
 *
 * Returns NULL, writing nothing, for invalid arguments: NULL
 * arrays, n < 1, d < 1, k < 1, max_iter < 1, lr <= 0, l2 < 0, tol < 0 (or
 * NaN), a label outside 0..k-1, and when memory runs out. */
#include <cblas.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct softmax_reg {
    int d, k;
    double *b;       /* k biases, then the d-by-k weights */
    double *W;
};

/* Row-wise softmax of the m-by-k block Z in place; returns the sum over the
 * rows of logsumexp(z_i) when want_lse, else 0. */
static double softmax_rows(double *Z, int m, int k, int want_lse)
{
    double lse_sum = 0.0;
    for (int i = 0; i < m; i++) {
        double *z = Z + (size_t)i * k;
        double mx = z[0];
        for (int c = 1; c < k; c++)
            if (z[c] > mx)
                mx = z[c];
        double s = 0.0;
        for (int c = 0; c < k; c++) {
            z[c] = exp(z[c] - mx);
            s += z[c];
        }
        const double inv = 1.0 / s;
        for (int c = 0; c < k; c++)
            z[c] *= inv;
        if (want_lse)
            lse_sum += mx + log(s);
    }
    return lse_sum;
}

void softmax_reg_free(softmax_reg *m)
{
    if (!m)
        return;
    free(m->b);
    free(m);
}

softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    if (!X || !y || !loss || !n_iter || n < 1 || d < 1 || k < 1 ||
        max_iter < 1 || !(lr > 0.0) || !(l2 >= 0.0) || !(tol >= 0.0))
        return NULL;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return NULL;

    softmax_reg *m = malloc(sizeof *m);
    double *Z = malloc((size_t)n * (size_t)k * sizeof *Z);
    double *gb = malloc((size_t)k * sizeof *gb);
    if (m)
        m->b = calloc((size_t)k + (size_t)d * (size_t)k, sizeof(double));
    if (!m || !m->b || !Z || !gb) {
        softmax_reg_free(m);
        free(Z);
        free(gb);
        return NULL;
    }
    m->d = d;
    m->k = k;
    m->W = m->b + k;
    double *W = m->W, *b = m->b;
    const size_t dk = (size_t)d * (size_t)k;
    const double inv_n = 1.0 / n;

    int t;
    for (t = 0; t < max_iter; t++) {
        /* Z = X W + 1 b^T */
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
                Z[(size_t)i * k + c] = b[c];
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, k, d, 1.0, X, d,
                    W, k, 1.0, Z, k);

        /* loss = mean(logsumexp(z_i) - z_i,y_i) + penalty; Z <- P - Y */
        double zy = 0.0;
        for (int i = 0; i < n; i++)
            zy += Z[(size_t)i * k + y[i]];
        const double lse = softmax_rows(Z, n, k, 1);
        const double ww = cblas_ddot((int)dk, W, 1, W, 1);
        loss[t] = (lse - zy) * inv_n + 0.5 * l2 * ww;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol) {
            t++;
            break;
        }
        for (int c = 0; c < k; c++)
            gb[c] = 0.0;
        for (int i = 0; i < n; i++) {
            double *e = Z + (size_t)i * k;
            e[y[i]] -= 1.0;
            for (int c = 0; c < k; c++)
                gb[c] += e[c];
        }

        /* W <- (1 - lr l2) W - (lr/n) X^T (P - Y);  b <- b - lr mean(P - Y) */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, k, n, -lr * inv_n,
                    X, d, Z, k, 1.0 - lr * l2, W, k);
        for (int c = 0; c < k; c++)
            b[c] -= lr * gb[c] * inv_n;
    }
    *n_iter = t;
    free(Z);
    free(gb);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n,
                               double *P)
{
    if (!m || !X || !P || n < 1)
        return;
    const int k = m->k;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++)
            P[(size_t)i * k + c] = m->b[c];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, k, m->d, 1.0, X,
                m->d, m->W, k, 1.0, P, k);
    softmax_rows(P, n, k, 0);
}
