/* expect: status=graded passed=no correctness=fail mistake=missing_mean */
/* The loss is a mean, but the gradient at the logits is P - Y (no 1/n). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *H = malloc(sizeof(double) * n * h), *P = malloc(sizeof(double) * n * c);
    double *dH = malloc(sizeof(double) * n * h);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < h; k++)
            H[i * h + k] = b1[k];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, h, d, 1, X, d, W1, h, 1, H, h);
    for (int q = 0; q < n * h; q++)
        H[q] = H[q] > 0 ? H[q] : 0;
    for (int i = 0; i < n; i++)
        for (int m = 0; m < c; m++)
            P[i * c + m] = b2[m];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, c, h, 1, H, h, W2, c, 1, P, c);
    double loss = 0;
    for (int i = 0; i < n; i++) {
        double mx = P[i * c];
        for (int m = 1; m < c; m++)
            mx = fmax(mx, P[i * c + m]);
        double z = 0;
        for (int m = 0; m < c; m++)
            z += exp(P[i * c + m] - mx);
        loss -= P[i * c + y[i]] - mx - log(z);
        for (int m = 0; m < c; m++)
            P[i * c + m] = exp(P[i * c + m] - mx) / z - (m == y[i]);
    }
    loss = loss / n + 0.5 * l2 * (cblas_ddot(d * h, W1, 1, W1, 1) + cblas_ddot(h * c, W2, 1, W2, 1));
    for (int q = 0; q < h * c; q++)
        dW2[q] = l2 * W2[q];
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, c, n, 1, H, h, P, c, 1, dW2, c);
    for (int m = 0; m < c; m++) {
        db2[m] = 0;
        for (int i = 0; i < n; i++)
            db2[m] += P[i * c + m];
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, h, c, 1, P, c, W2, c, 0, dH, h);
    for (int q = 0; q < n * h; q++)
        dH[q] = H[q] > 0 ? dH[q] : 0;
    for (int k = 0; k < h; k++) {
        db1[k] = 0;
        for (int i = 0; i < n; i++)
            db1[k] += dH[i * h + k];
    }
    for (int q = 0; q < d * h; q++)
        dW1[q] = l2 * W1[q];
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, h, n, 1, X, d, dH, h, 1, dW1, h);
    free(H);
    free(P);
    free(dH);
    return loss;
}
