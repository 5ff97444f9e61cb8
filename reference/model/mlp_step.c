/* Model answer: loss and gradients of a two-layer ReLU network with a
 * softmax output on a batch. Every step is a matrix product or an
 * elementwise loop over a whole matrix; none loops over samples to
 * accumulate a gradient. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *H = malloc(sizeof(double) * n * h);    /* max(A, 0) */
    double *S = malloc(sizeof(double) * n * c);    /* logits, then G */
    double *dA = malloc(sizeof(double) * n * h);

    /* forward: H = max(X W1 + b1, 0), S = H W2 + b2 (the products add to
     * rows that start as the bias) */
    for (int i = 0; i < n; i++) {
        memcpy(H + i * h, b1, sizeof(double) * h);
        memcpy(S + i * c, b2, sizeof(double) * c);
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, h, d, 1, X, d, W1, h, 1, H, h);
    for (int q = 0; q < n * h; q++)
        H[q] = fmax(H[q], 0);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, c, h, 1, H, h, W2, c, 1, S, c);

    /* softmax and cross-entropy row by row; S becomes P - Y */
    double nll = 0;
    for (int i = 0; i < n; i++) {
        double *s = S + i * c;
#if MISTAKE(no_max_shift)
        double m = 0;
#else
        double m = s[0];    /* the max shift: exp(s - m) <= 1 never overflows */
        for (int j = 1; j < c; j++)
            m = fmax(m, s[j]);
#endif
        double zy = s[y[i]] - m, sum = 0;
        for (int j = 0; j < c; j++) {
            s[j] = exp(s[j] - m);
            sum += s[j];
        }
#if MISTAKE(log_zero)
        zy = log(s[y[i]]);
#endif
        /* log-sum-exp: -log P[i, y] = log(sum) - (S[i, y] - m) stays finite
         * when P[i, y] underflows to 0 */
        nll += log(sum) - zy;
        for (int j = 0; j < c; j++)
            s[j] /= sum;
        s[y[i]] -= 1;
    }
#if !MISTAKE(missing_mean)
    cblas_dscal(n * c, 1.0 / n, S, 1);    /* G = (P - Y)/n: the loss is a mean */
#endif

    /* second layer: dW2 = H^T G + l2 W2 (dW2 starts as W2, scaled by
     * beta = l2), db2 = column sums of G */
    memcpy(dW2, W2, sizeof(double) * h * c);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, c, n, 1, H, h, S, c, l2, dW2, c);
    memset(db2, 0, sizeof(double) * c);
    for (int q = 0; q < n * c; q++)
        db2[q % c] += S[q];

    /* first layer: dA = (G W2^T) * [A > 0] (H > 0 exactly where A > 0, and
     * the slope at 0 is 0), dW1 = X^T dA + l2 W1, db1 = column sums of dA */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, h, c, 1, S, c, W2, c, 0, dA, h);
#if !MISTAKE(no_relu_mask)
    for (int q = 0; q < n * h; q++)
        if (H[q] == 0)
            dA[q] = 0;
#endif
    memcpy(dW1, W1, sizeof(double) * d * h);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, h, n, 1, X, d, dA, h, l2, dW1, h);
    memset(db1, 0, sizeof(double) * h);
    for (int q = 0; q < n * h; q++)
        db1[q % h] += dA[q];

    /* l2 on the weights only: the biases are not regularised */
    double reg = cblas_ddot(d * h, W1, 1, W1, 1) + cblas_ddot(h * c, W2, 1, W2, 1);
#if MISTAKE(regularised_bias)
    reg += cblas_ddot(h, b1, 1, b1, 1) + cblas_ddot(c, b2, 1, b2, 1);
    cblas_daxpy(h, l2, b1, 1, db1, 1);
    cblas_daxpy(c, l2, b2, 1, db2, 1);
#endif
    free(H);
    free(S);
    free(dA);
    return nll / n + l2 / 2 * reg;
}
