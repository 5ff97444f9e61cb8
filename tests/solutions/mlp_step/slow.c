/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but sample by sample with the loops against the memory layout:
 * each pre-activation A[i][k] is a dot product walking down column k of W1
 * (a stride of h doubles per step), and dW1 is accumulated column by column
 * with the same stride, so every step of the two big products misses the
 * cache line it just loaded. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double pre(const double *X, const double *W1, const double *b1, int d, int h,
                  int i, int k)
{
    double a = b1[k];
    for (int j = 0; j < d; j++)
        a += X[i * d + j] * W1[j * h + k];
    return a;
}

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *s = malloc(sizeof(double) * c), *A = malloc(sizeof(double) * h);
    double loss = 0.0;
    for (int q = 0; q < d * h; q++)
        dW1[q] = l2 * W1[q];
    for (int q = 0; q < h * c; q++)
        dW2[q] = l2 * W2[q];
    memset(db1, 0, sizeof(double) * h);
    memset(db2, 0, sizeof(double) * c);
    for (int i = 0; i < n; i++) {
        for (int m = 0; m < c; m++)
            s[m] = b2[m];
        for (int k = 0; k < h; k++) {
            A[k] = pre(X, W1, b1, d, h, i, k);
            double a = fmax(A[k], 0.0);
            for (int m = 0; m < c; m++)
                s[m] += a * W2[k * c + m];
        }
        double mx = s[0], z = 0;
        for (int m = 1; m < c; m++)
            mx = fmax(mx, s[m]);
        for (int m = 0; m < c; m++)
            z += exp(s[m] - mx);
        loss += mx + log(z) - s[y[i]];
        for (int m = 0; m < c; m++)
            s[m] = (exp(s[m] - mx) / z - (m == y[i])) / n;
        for (int k = 0; k < h; k++) {
            double a = A[k], g = 0;
            for (int m = 0; m < c; m++) {
                dW2[k * c + m] += fmax(a, 0.0) * s[m];
                g += s[m] * W2[k * c + m];
            }
            if (a <= 0)
                continue;
            db1[k] += g;
            for (int j = 0; j < d; j++) /* hot */
                dW1[j * h + k] += X[i * d + j] * g;
        }
        for (int m = 0; m < c; m++)
            db2[m] += s[m];
    }
    double reg = 0;
    for (int q = 0; q < d * h; q++)
        reg += W1[q] * W1[q];
    for (int q = 0; q < h * c; q++)
        reg += W2[q] * W2[q];
    free(s);
    free(A);
    return loss / n + 0.5 * l2 * reg;
}
