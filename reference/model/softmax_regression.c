/* Model answer: softmax regression (multinomial logistic regression) with
 * L2 on the weights, by batch gradient descent. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct softmax_reg {
    int d, k;
    double *W;    /* d-by-k weights */
    double *b;    /* k biases */
};

void softmax_reg_free(softmax_reg *m)
{
    if (m) {
        free(m->W);
        free(m->b);
        free(m);
    }
}

/* Softmax of the len logits z[0], z[stride], ... in place (stride k walks
 * down a column); returns their log-sum-exp, log sum_c exp(z_c). */
static double softmax_vec(double *z, int len, int stride)
{
#if MISTAKE(no_max_shift)
    double mx = 0;
#else
    double mx = z[0];    /* the max shift: exp(z - mx) <= 1 never overflows */
    for (int c = 1; c < len; c++)
        mx = fmax(mx, z[c * stride]);
#endif
    double sum = 0;
    for (int c = 0; c < len; c++) {
        z[c * stride] = exp(z[c * stride] - mx);
        sum += z[c * stride];
    }
    for (int c = 0; c < len; c++)
        z[c * stride] /= sum;
    return mx + log(sum);
}

/* Z = X W + b (b added to every row) for the n rows X */
static void logits(const softmax_reg *m, const double *X, int n, double *Z)
{
    for (int i = 0; i < n; i++)
        memcpy(Z + i * m->k, m->b, sizeof(double) * m->k);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, m->k, m->d, 1, X, m->d, m->W,
                m->k, 1, Z, m->k);
}

softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    if (n < 1 || d < 1 || max_iter < 1 || lr <= 0 || l2 < 0 || tol < 0)
        return NULL;
    if (k < 1) return NULL;    /* no class: every label below is out of range too */
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return NULL;
    softmax_reg *m = malloc(sizeof *m);
    m->d = d;
    m->k = k;
    m->W = calloc(d * k, sizeof(double));
    m->b = calloc(k, sizeof(double));
    double *Z = malloc(sizeof(double) * n * k), *gb = malloc(sizeof(double) * k);

    for (int t = 0; t < max_iter; t++) {
        logits(m, X, n, Z);
        double data = 0;
#if MISTAKE(wrong_axis)
        for (int c = 0; c < k; c++)
            softmax_vec(Z + c, n, k);
        for (int i = 0; i < n; i++)
            data -= log(fmax(Z[i * k + y[i]], 1e-15));
#else
        /* Z becomes P row by row; -log P[i, y] = logsumexp(z_i) - z_i,y
         * stays finite where P[i, y] underflows to 0 */
        for (int i = 0; i < n; i++) {
            double zy = Z[i * k + y[i]];
            data += softmax_vec(Z + i * k, k, 1) - zy;
        }
#endif
#if MISTAKE(log_zero)
        data = 0;
        for (int i = 0; i < n; i++)
            data -= log(Z[i * k + y[i]]);
#endif
        /* l2 on W only: the biases are not regularised */
        double reg = cblas_ddot(d * k, m->W, 1, m->W, 1);
#if MISTAKE(regularised_bias)
        reg += cblas_ddot(k, m->b, 1, m->b, 1);
#endif
        loss[t] = data / n + l2 / 2 * reg;
        *n_iter = t + 1;
        if (t > 0 && fabs(loss[t - 1] - loss[t]) < tol)
            break;

        /* Z becomes G = P - Y; W -= lr (X^T G / n + l2 W), b -= lr (column
         * sums of G) / n */
        for (int c = 0; c < k; c++)
            gb[c] = 0;
        for (int i = 0; i < n; i++) {
            Z[i * k + y[i]] -= 1;
            for (int c = 0; c < k; c++)
                gb[c] += Z[i * k + c];
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, k, n, -lr / n, X, d, Z, k,
                    1 - lr * l2, m->W, k);
        for (int c = 0; c < k; c++)
#if MISTAKE(regularised_bias)
            m->b[c] -= lr * (gb[c] / n + l2 * m->b[c]);
#else
            m->b[c] -= lr * gb[c] / n;
#endif
    }
    free(Z);
    free(gb);
    return m;
}

void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n, double *P)
{
    logits(m, X, n, P);
#if MISTAKE(wrong_axis)
    for (int c = 0; c < m->k; c++)
        softmax_vec(P + c, n, m->k);
#else
    for (int i = 0; i < n; i++)
        softmax_vec(P + i * m->k, m->k, 1);    /* each row sums to 1 */
#endif
}
