/* expect: status=graded passed=no correctness=pass stability=fail organization=pass mistake=none */
/* Near miss: the log-sum-exp shift is kept across rows and never reset, so
 * row i is shifted by the largest logit of rows 0..i, not by its own.
 * Right while no row sits far below an earlier one; a row 1000 below gets
 * sum exp(S - m) = 0: the loss becomes -inf and the gradients 0/0.  It
 * never takes log of a probability, so log_zero is not its mistake. */
#include <math.h>
#include <stdlib.h>

static void forward_hidden(const double *X, int n, int d, int h,
                           const double *W1, const double *b1, double *A,
                           double *H)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < h; k++) {
            double s = b1[k];
            for (int t = 0; t < d; t++)
                s += X[(size_t)i * d + t] * W1[(size_t)t * h + k];
            A[(size_t)i * h + k] = s;
            H[(size_t)i * h + k] = s > 0 ? s : 0.0;
        }
}

/* Logits of row i into g, then G's row (P - Y)/n; returns -log P[i, y]. */
static double softmax_row(const double *Hrow, int h, int c, const double *W2,
                          const double *b2, int label, int n, double *g,
                          double *running_max)
{
    double m = *running_max, z = 0.0, logp;

    for (int k = 0; k < c; k++) {
        double s = b2[k];
        for (int t = 0; t < h; t++)
            s += Hrow[t] * W2[(size_t)t * c + k];
        g[k] = s;
        if (s > m)
            m = s;
    }
    *running_max = m;
    for (int k = 0; k < c; k++)
        z += exp(g[k] - m);
    logp = g[label] - m - log(z);
    for (int k = 0; k < c; k++)
        g[k] = exp(g[k] - m) / z / n;
    g[label] -= 1.0 / n;
    return -logp;
}

static double sum_squares(const double *W, size_t len)
{
    double r = 0.0;
    for (size_t t = 0; t < len; t++)
        r += W[t] * W[t];
    return r;
}

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2,
                const double *b2, double l2, double *dW1, double *db1,
                double *dW2, double *db2)
{
    double *A = malloc(sizeof(double) * (size_t)n * h);
    double *H = malloc(sizeof(double) * (size_t)n * h);
    double *G = malloc(sizeof(double) * (size_t)n * c);
    double *dA = malloc(sizeof(double) * (size_t)n * h);
    double loss = 0.0, running_max = -INFINITY;

    if (!A || !H || !G || !dA)
        goto out;
    forward_hidden(X, n, d, h, W1, b1, A, H);
    for (int i = 0; i < n; i++)
        loss += softmax_row(H + (size_t)i * h, h, c, W2, b2, y[i], n,
                            G + (size_t)i * c, &running_max);
    loss = loss / n + 0.5 * l2 * (sum_squares(W1, (size_t)d * h) +
                                  sum_squares(W2, (size_t)h * c));
    for (int t = 0; t < h; t++)
        for (int k = 0; k < c; k++) {
            double s = l2 * W2[(size_t)t * c + k];
            for (int i = 0; i < n; i++)
                s += H[(size_t)i * h + t] * G[(size_t)i * c + k];
            dW2[(size_t)t * c + k] = s;
        }
    for (int k = 0; k < c; k++) {
        db2[k] = 0.0;
        for (int i = 0; i < n; i++)
            db2[k] += G[(size_t)i * c + k];
    }
    for (int i = 0; i < n; i++)
        for (int t = 0; t < h; t++) {
            double s = 0.0;
            for (int k = 0; k < c; k++)
                s += G[(size_t)i * c + k] * W2[(size_t)t * c + k];
            dA[(size_t)i * h + t] = A[(size_t)i * h + t] > 0 ? s : 0.0;
        }
    for (int t = 0; t < d; t++)
        for (int k = 0; k < h; k++) {
            double s = l2 * W1[(size_t)t * h + k];
            for (int i = 0; i < n; i++)
                s += X[(size_t)i * d + t] * dA[(size_t)i * h + k];
            dW1[(size_t)t * h + k] = s;
        }
    for (int k = 0; k < h; k++) {
        db1[k] = 0.0;
        for (int i = 0; i < n; i++)
            db1[k] += dA[(size_t)i * h + k];
    }
out:
    free(A);
    free(H);
    free(G);
    free(dA);
    return loss;
}
