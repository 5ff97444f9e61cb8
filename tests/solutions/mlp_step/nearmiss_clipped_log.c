/* expect: status=graded passed=no correctness=fail stability=fail organization=pass mistake=none */
/* Near miss: a stable softmax, then the loss as -log(max(P[i, y], 1e-15)),
 * the guard that keeps log(0) away.  The loss stays finite, but for a true
 * class thousands below the max it is 34.5 instead of the thousands that
 * S[i, y] - m - log(sum) gives: the clip changes the value, not only its
 * finiteness.  The gradients (P - Y)/n are right.  The timing input, a
 * correctness case, has such classes too (256 features, 1024 samples):
 * its loss is wrong there as well. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *A = malloc(sizeof(double) * n * h);
    double *P = malloc(sizeof(double) * n * c);
    double *dH = malloc(sizeof(double) * h);
    double loss = 0.0;

    for (int i = 0; i < n; i++) {
        double *a = A + i * h, *p = P + i * c;
        for (int k = 0; k < h; k++) {
            a[k] = b1[k];
            for (int j = 0; j < d; j++)
                a[k] += X[i * d + j] * W1[j * h + k];
        }
        for (int m = 0; m < c; m++) {
            p[m] = b2[m];
            for (int k = 0; k < h; k++)
                p[m] += (a[k] > 0 ? a[k] : 0) * W2[k * c + m];
        }
        double mx = p[0], sum = 0.0;
        for (int m = 1; m < c; m++)
            mx = fmax(mx, p[m]);
        for (int m = 0; m < c; m++) {
            p[m] = exp(p[m] - mx);
            sum += p[m];
        }
        for (int m = 0; m < c; m++)
            p[m] /= sum;
        loss -= log(fmax(p[y[i]], 1e-15));
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
        const double *a = A + i * h;
        double *g = P + i * c;
        g[y[i]] -= 1.0;
        for (int m = 0; m < c; m++) {
            g[m] /= n;
            db2[m] += g[m];
        }
        for (int k = 0; k < h; k++) {
            double s = 0.0;
            for (int m = 0; m < c; m++) {
                dW2[k * c + m] += (a[k] > 0 ? a[k] : 0) * g[m];
                s += g[m] * W2[k * c + m];
            }
            dH[k] = a[k] > 0 ? s : 0.0;
            db1[k] += dH[k];
        }
        for (int j = 0; j < d; j++)
            for (int k = 0; k < h; k++)
                dW1[j * h + k] += X[i * d + j] * dH[k];
    }
    free(A);
    free(P);
    free(dH);
    return loss;
}
