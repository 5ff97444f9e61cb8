/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: the per-sample losses go into a stack array of 1024 ("the
 * benchmark batch is 1024") before they are summed, and only that many
 * samples get a softmax row: the samples past the 1024th add nothing to
 * the loss and their rows of G stay 0.  The statement bounds n only from
 * below (n >= 1). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BATCH 1024

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
                          const double *b2, int label, int n, double *g)
{
    double m = -INFINITY, z = 0.0, logp;

    for (int k = 0; k < c; k++) {
        double s = b2[k];
        for (int t = 0; t < h; t++)
            s += Hrow[t] * W2[(size_t)t * c + k];
        g[k] = s;
        if (s > m)
            m = s;
    }
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
    double loss = 0.0;

    if (!A || !H || !G || !dA)
        goto out;
    forward_hidden(X, n, d, h, W1, b1, A, H);
    double sample_loss[MAX_BATCH];
    int kept = n < MAX_BATCH ? n : MAX_BATCH;
    memset(G, 0, sizeof(double) * (size_t)n * c);
    for (int i = 0; i < kept; i++)
        sample_loss[i] = softmax_row(H + (size_t)i * h, h, c, W2, b2, y[i], n,
                                     G + (size_t)i * c);
    for (int i = 0; i < kept; i++)
        loss += sample_loss[i];
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
