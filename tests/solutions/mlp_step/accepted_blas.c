/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* dgemm for the four products with the biases added afterwards, column
 * sums as dgemv against a vector of ones, and the softmax in log space:
 * logp = S - logsumexp(S), P = exp(logp). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2, const double *b2,
                double l2, double *dW1, double *db1, double *dW2, double *db2)
{
    double *H = malloc(sizeof(double) * (size_t)n * h);
    double *S = malloc(sizeof(double) * (size_t)n * c);
    double *dA = malloc(sizeof(double) * (size_t)n * h);
    double *ones = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        ones[i] = 1.0;

    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, h, d, 1.0, X, d, W1, h, 0.0, H, h);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < h; k++) {
            double v = H[(size_t)i * h + k] + b1[k];
            H[(size_t)i * h + k] = v > 0 ? v : 0;
        }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, c, h, 1.0, H, h, W2, c, 0.0, S, c);

    double nll = 0.0;
    for (int i = 0; i < n; i++) {
        double *s = S + (size_t)i * c;
        double mx = -INFINITY;
        for (int m = 0; m < c; m++) {
            s[m] += b2[m];
            mx = fmax(mx, s[m]);
        }
        double z = 0.0;
        for (int m = 0; m < c; m++)
            z += exp(s[m] - mx);
        double lse = mx + log(z);
        nll -= s[y[i]] - lse;                    /* -log p_y */
        for (int m = 0; m < c; m++)
            s[m] = exp(s[m] - lse) / n;          /* P / n */
        s[y[i]] -= 1.0 / n;                      /* (P - Y) / n */
    }
    double loss = nll / n + 0.5 * l2 * (cblas_ddot(d * h, W1, 1, W1, 1) +
                                         cblas_ddot(h * c, W2, 1, W2, 1));

    cblas_dcopy(h * c, W2, 1, dW2, 1);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, h, c, n, 1.0, H, h, S, c, l2, dW2, c);
    cblas_dgemv(CblasRowMajor, CblasTrans, n, c, 1.0, S, c, ones, 1, 0.0, db2, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, h, c, 1.0, S, c, W2, c, 0.0, dA, h);
    for (size_t q = 0; q < (size_t)n * h; q++)
        if (H[q] <= 0)
            dA[q] = 0;
    cblas_dgemv(CblasRowMajor, CblasTrans, n, h, 1.0, dA, h, ones, 1, 0.0, db1, 1);
    cblas_dcopy(d * h, W1, 1, dW1, 1);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, h, n, 1.0, X, d, dA, h, l2, dW1, h);
    free(H);
    free(S);
    free(dA);
    free(ones);
    return loss;
}
