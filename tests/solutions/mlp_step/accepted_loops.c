/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops, sample by sample for the forward pass and the softmax,
 * with the weight gradients accumulated as outer products in i-k-j order
 * (the inner loop runs along a row, so it stays cache-friendly). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *A = malloc(sizeof(double) * n * h);    /* pre-activations */
    double *G = malloc(sizeof(double) * n * c);    /* dL/dS */
    double *dh = malloc(sizeof(double) * h);
    double loss = 0.0;

    for (int i = 0; i < n; i++) {
        double *a = A + i * h;
        for (int k = 0; k < h; k++)
            a[k] = b1[k];
        for (int j = 0; j < d; j++) {
            double x = X[i * d + j];
            for (int k = 0; k < h; k++)
                a[k] += x * W1[j * h + k];
        }
        double *g = G + i * c;
        for (int k = 0; k < c; k++)
            g[k] = b2[k];
        for (int k = 0; k < h; k++) {
            double hk = a[k] > 0 ? a[k] : 0;
            for (int m = 0; m < c; m++)
                g[m] += hk * W2[k * c + m];
        }
        /* log-softmax of this row */
        double mx = g[0];
        for (int m = 1; m < c; m++)
            if (g[m] > mx)
                mx = g[m];
        double sum = 0.0;
        for (int m = 0; m < c; m++)
            sum += exp(g[m] - mx);
        double lse = mx + log(sum);
        loss += lse - g[y[i]];
        for (int m = 0; m < c; m++)
            g[m] = (exp(g[m] - lse) - (m == y[i])) / n;
    }
    loss /= n;
    double reg = 0.0;
    for (int q = 0; q < d * h; q++)
        reg += W1[q] * W1[q];
    for (int q = 0; q < h * c; q++)
        reg += W2[q] * W2[q];
    loss += 0.5 * l2 * reg;

    for (int q = 0; q < d * h; q++)
        dW1[q] = l2 * W1[q];
    for (int q = 0; q < h * c; q++)
        dW2[q] = l2 * W2[q];
    memset(db1, 0, sizeof(double) * h);
    memset(db2, 0, sizeof(double) * c);
    for (int i = 0; i < n; i++) {
        const double *a = A + i * h, *g = G + i * c;
        for (int m = 0; m < c; m++)
            db2[m] += g[m];
        for (int k = 0; k < h; k++) {
            double hk = a[k] > 0 ? a[k] : 0;
            double s = 0.0;
            for (int m = 0; m < c; m++) {
                dW2[k * c + m] += hk * g[m];
                s += g[m] * W2[k * c + m];
            }
            dh[k] = a[k] > 0 ? s : 0.0;
            db1[k] += dh[k];
        }
        for (int j = 0; j < d; j++) {
            double x = X[i * d + j];
            for (int k = 0; k < h; k++)
                dW1[j * h + k] += x * dh[k];
        }
    }
    free(A);
    free(G);
    free(dh);
    return loss;
}
