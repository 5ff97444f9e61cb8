/* Mistake variant mlp_step/no_max_shift.
 *
 * softmax without subtracting the row maximum: exp overflows to inf for
 * large logits, and inf/inf = NaN.
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <cblas.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 128 };    /* rows per block */

/* max(a, 0) without a branch (the sign of a hidden unit is a coin flip,
 * which a branch predictor cannot learn): clear every bit when the sign
 * bit is set */
static inline double relu(double a)
{
    uint64_t u;
    memcpy(&u, &a, sizeof u);
    u &= ~(uint64_t)((int64_t)u >> 63);
    memcpy(&a, &u, sizeof a);
    return a;
}

/* g where h > 0, else 0, without a branch; h is a ReLU output (+0 or
 * positive), so h > 0 exactly when its bits are not all zero */
static inline double gate(double g, double h)
{
    uint64_t ug, uh;
    memcpy(&ug, &g, sizeof ug);
    memcpy(&uh, &h, sizeof uh);
    ug &= -(uint64_t)(uh != 0);
    memcpy(&g, &ug, sizeof g);
    return g;
}

/* S <- (softmax(S) - onehot(y)) * inv_n row by row (m rows); returns the
 * sum of -log P[i, y_i] over the rows */
static double softmax_xent(double *S, const int *y, int m, int c, double inv_n)
{
    double nll = 0.0;
    for (int i = 0; i < m; i++) {
        double *s = S + (size_t)i * c;
        const double mx = 0.0;    /* the mistake: no max shift */
        const double zy = s[y[i]] - mx;
        double sum = 0.0;
        for (int j = 0; j < c; j++) {
            s[j] = exp(s[j] - mx);
            sum += s[j];
        }
        nll += log(sum) - zy;
        const double scale = inv_n / sum;
        for (int j = 0; j < c; j++)
            s[j] *= scale;
        s[y[i]] -= inv_n;
    }
    return nll;
}

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2,
                const double *b2, double l2, double *dW1, double *db1,
                double *dW2, double *db2)
{
    if (!X || !y || !W1 || !b1 || !W2 || !b2 || !dW1 || !db1 || !dW2 || !db2 ||
        n < 1 || d < 1 || h < 1 || c < 1)
        return NAN;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return NAN;
    const int B = n < BLOCK ? n : BLOCK;
    double *H = malloc((size_t)B * (2 * (size_t)h + c) * sizeof *H);
    if (!H)
        return NAN;
    double *D = H + (size_t)B * h;       /* dA of the block */
    double *S = D + (size_t)B * h;       /* logits, then G, of the block */
    const double inv_n = 1.0 / n;
    const size_t nw1 = (size_t)d * h, nw2 = (size_t)h * c;
    for (size_t q = 0; q < nw1; q++)
        dW1[q] = l2 * W1[q];
    for (size_t q = 0; q < nw2; q++)
        dW2[q] = l2 * W2[q];
    memset(db1, 0, (size_t)h * sizeof *db1);
    memset(db2, 0, (size_t)c * sizeof *db2);

    double nll = 0.0;
    for (int i0 = 0; i0 < n; i0 += B) {
        const int m = n - i0 < B ? n - i0 : B;
        const double *Xb = X + (size_t)i0 * d;

        /* forward: H = relu(Xb W1 + b1), S = H W2 + b2 */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, h, d, 1.0, Xb, d,
                    W1, h, 0.0, H, h);
        for (int i = 0; i < m; i++) {
            double *r = H + (size_t)i * h;
            for (int k = 0; k < h; k++)
                r[k] = relu(r[k] + b1[k]);
            memcpy(S + (size_t)i * c, b2, (size_t)c * sizeof *S);
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, c, h, 1.0, H, h,
                    W2, c, 1.0, S, c);

        /* loss, and S <- G = (P - Y)/n */
        nll += softmax_xent(S, y + i0, m, c, inv_n);

        /* second layer: dW2 += H^T G, db2 += column sums of G */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, c, m, 1.0, H, h, S, c,
                    1.0, dW2, c);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < c; j++)
                db2[j] += S[(size_t)i * c + j];

        /* first layer: dA = (G W2^T) * [H > 0], db1 += column sums of dA,
         * dW1 += Xb^T dA */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, h, c, 1.0, S, c, W2, c,
                    0.0, D, h);
        for (int i = 0; i < m; i++) {
            double *r = D + (size_t)i * h;
            const double *a = H + (size_t)i * h;
            for (int k = 0; k < h; k++) {
                r[k] = gate(r[k], a[k]);
                db1[k] += r[k];
            }
        }
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, h, m, 1.0, Xb, d, D, h,
                    1.0, dW1, h);
    }
    free(H);
    return nll * inv_n +
           0.5 * l2 * (cblas_ddot((int)nw1, W1, 1, W1, 1) + cblas_ddot((int)nw2, W2, 1, W2, 1));
}
