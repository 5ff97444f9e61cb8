/* Model answer: every distance between the rows of A and B from one matrix
 * product, ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

static double sqnorm(const double *x, int d)
{
    double s = 0;
    for (int k = 0; k < d; k++)
        s += x[k] * x[k];
    return s;
}

void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D)
{
    double *nb = malloc(sizeof(double) * m);    /* ||b_j||^2, once per row */
    for (int j = 0; j < m; j++)
        nb[j] = sqnorm(B + j * d, d);
    /* D = -2 A B^T: the cross terms of all pairs */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, -2, A, d, B, d, 0, D, m);
    for (int i = 0; i < n; i++) {
        double na = sqnorm(A + i * d, d);
        for (int j = 0; j < m; j++) {
            double s = D[i * m + j] + na + nb[j];
#if !MISTAKE(no_clamp)
            s = fmax(s, 0);    /* rounding makes s slightly negative for equal rows */
#endif
#if MISTAKE(squared)
            D[i * m + j] = s;
#else
            D[i * m + j] = sqrt(s);
#endif
        }
    }
    free(nb);
}
