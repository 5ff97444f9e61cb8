/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* The classic near miss of the ReLU backward pass: the mask keeps the
 * gradient where A >= 0, so at the kink (A exactly 0, where H = 0) the
 * gradient flows as if the unit were active.  The statement says the slope
 * at 0 is 0.  Random data never puts A exactly at 0; integer data can. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    size_t nh = (size_t)n * h, nc = (size_t)n * c;
    double *A = malloc(sizeof(double) * nh);
    double *H = malloc(sizeof(double) * nh);
    double *G = malloc(sizeof(double) * nc);
    double *dA = malloc(sizeof(double) * nh);

    for (int i = 0; i < n; i++)
        memcpy(A + (size_t)i * h, b1, sizeof(double) * h);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, h, d, 1.0, X, d, W1, h, 1.0, A, h);
    for (size_t q = 0; q < nh; q++)
        H[q] = A[q] > 0 ? A[q] : 0.0;
    for (int i = 0; i < n; i++)
        memcpy(G + (size_t)i * c, b2, sizeof(double) * c);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, c, h, 1.0, H, h, W2, c, 1.0, G, c);

    double nll = 0.0;
    for (int i = 0; i < n; i++) {
        double *s = G + (size_t)i * c, mx = s[0], sum = 0.0;
        for (int j = 1; j < c; j++)
            mx = s[j] > mx ? s[j] : mx;
        for (int j = 0; j < c; j++)
            sum += exp(s[j] - mx);
        nll += mx + log(sum) - s[y[i]];
        for (int j = 0; j < c; j++)
            s[j] = exp(s[j] - mx) / sum / n;
        s[y[i]] -= 1.0 / n;
    }

    memcpy(dW2, W2, sizeof(double) * h * c);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, c, n, 1.0, H, h, G, c, l2, dW2, c);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, h, c, 1.0, G, c, W2, c, 0.0, dA, h);
    for (size_t q = 0; q < nh; q++)
        if (!(A[q] >= 0))    /* ReLU backward: pass the gradient where the unit is on */
            dA[q] = 0.0;
    memcpy(dW1, W1, sizeof(double) * d * h);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, h, n, 1.0, X, d, dA, h, l2, dW1, h);
    for (int k = 0; k < h; k++)
        db1[k] = 0.0;
    for (int j = 0; j < c; j++)
        db2[j] = 0.0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < h; k++)
            db1[k] += dA[(size_t)i * h + k];
        for (int j = 0; j < c; j++)
            db2[j] += G[(size_t)i * c + j];
    }
    double reg = cblas_ddot(d * h, W1, 1, W1, 1) + cblas_ddot(h * c, W2, 1, W2, 1);
    free(A);
    free(H);
    free(G);
    free(dA);
    return nll / n + 0.5 * l2 * reg;
}
