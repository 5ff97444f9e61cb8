/* expect: status=graded passed=no correctness=fail organization=pass mistake=none */
/* Near miss: one sample at a time, each copied into a stack buffer of 256
 * features ("d is 256 in the benchmark").  With a larger d the features
 * past the 256th never reach A, and their rows of dW1 get only the l2
 * term.  The statement bounds d only from below (d >= 1). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FEATURES 256

/* Softmax of the logits in g, turned into G's row (P - Y)/n in place;
 * returns -log P[label]. */
static double softmax_grad(double *g, int c, int label, int n)
{
    double m = g[0], z = 0.0, logp;

    for (int k = 1; k < c; k++)
        if (g[k] > m)
            m = g[k];
    for (int k = 0; k < c; k++)
        z += exp(g[k] - m);
    logp = g[label] - m - log(z);
    for (int k = 0; k < c; k++)
        g[k] = exp(g[k] - m) / z / n;
    g[label] -= 1.0 / n;
    return -logp;
}

/* l2 times each weight added to its gradient; returns the sum of squares. */
static double regularise(const double *W, double *dW, size_t len, double l2)
{
    double r = 0.0;
    for (size_t t = 0; t < len; t++) {
        r += W[t] * W[t];
        dW[t] += l2 * W[t];
    }
    return r;
}

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2,
                const double *b2, double l2, double *dW1, double *db1,
                double *dW2, double *db2)
{
    double x[MAX_FEATURES], loss = 0.0, r;
    int kept = d < MAX_FEATURES ? d : MAX_FEATURES;
    double *g = malloc(sizeof(double) * (size_t)c);
    double *a = malloc(sizeof(double) * (size_t)h);
    double *da = malloc(sizeof(double) * (size_t)h);

    if (!g || !a || !da) {
        free(g);
        free(a);
        free(da);
        return NAN;
    }
    memset(dW1, 0, sizeof(double) * (size_t)d * h);
    memset(db1, 0, sizeof(double) * (size_t)h);
    memset(dW2, 0, sizeof(double) * (size_t)h * c);
    memset(db2, 0, sizeof(double) * (size_t)c);
    for (int i = 0; i < n; i++) {
        for (int t = 0; t < kept; t++)
            x[t] = X[(size_t)i * d + t];
        for (int k = 0; k < h; k++) {
            a[k] = b1[k];
            for (int t = 0; t < kept; t++)
                a[k] += x[t] * W1[(size_t)t * h + k];
        }
        for (int k = 0; k < c; k++) {
            g[k] = b2[k];
            for (int t = 0; t < h; t++)
                g[k] += (a[t] > 0 ? a[t] : 0.0) * W2[(size_t)t * c + k];
        }
        loss += softmax_grad(g, c, y[i], n);
        for (int t = 0; t < h; t++) {
            double s = 0.0, ht = a[t] > 0 ? a[t] : 0.0;
            for (int k = 0; k < c; k++) {
                dW2[(size_t)t * c + k] += ht * g[k];
                s += g[k] * W2[(size_t)t * c + k];
            }
            da[t] = a[t] > 0 ? s : 0.0;
        }
        for (int k = 0; k < c; k++)
            db2[k] += g[k];
        for (int t = 0; t < kept; t++)
            for (int k = 0; k < h; k++)
                dW1[(size_t)t * h + k] += x[t] * da[k];
        for (int k = 0; k < h; k++)
            db1[k] += da[k];
    }
    r = regularise(W1, dW1, (size_t)d * h, l2) + regularise(W2, dW2, (size_t)h * c, l2);
    free(g);
    free(a);
    free(da);
    return loss / n + 0.5 * l2 * r;
}
