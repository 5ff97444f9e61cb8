/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but every entry of Xc^T Xc is its own pass down two columns of
 * X, and each pass recomputes both column means from scratch.  Walking a
 * row-major matrix down its columns touches a new cache line per element,
 * the symmetry is not used, and the means cost three more passes: many
 * times the work and the memory traffic of one sweep over the rows. */
#include <math.h>
#include <stdlib.h>

static double column_mean(const double *X, int n, int d, int j)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) /* hot */
        s += X[(long)i * d + j];
    return s / n;
}

static double centred_dot(const double *X, int n, int d, int j, int k)
{
    double mj = column_mean(X, n, d, j), mk = column_mean(X, n, d, k);
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += (X[(long)i * d + j] - mj) * (X[(long)i * d + k] - mk);
    return s;
}

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || !(alpha >= 0))
        return -1;
    double *A = malloc(sizeof(double) * (size_t)d * d);
    double *r = malloc(sizeof(double) * d);
    if (!A || !r) {
        free(A);
        free(r);
        return -1;
    }
    double ym = 0.0;
    for (int i = 0; i < n; i++)
        ym += y[i];
    ym /= n;
    for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++)
            A[j * d + k] = centred_dot(X, n, d, j, k) + (j == k ? alpha : 0.0);
        double mj = column_mean(X, n, d, j), s = 0.0;
        for (int i = 0; i < n; i++)
            s += (X[(long)i * d + j] - mj) * (y[i] - ym);
        r[j] = s;
    }
    /* Gauss-Jordan with partial pivoting */
    for (int c = 0; c < d; c++) {
        int p = c;
        for (int i = c + 1; i < d; i++)
            if (fabs(A[i * d + c]) > fabs(A[p * d + c]))
                p = i;
        for (int k = 0; k < d; k++) {
            double t = A[c * d + k];
            A[c * d + k] = A[p * d + k];
            A[p * d + k] = t;
        }
        double t = r[c];
        r[c] = r[p];
        r[p] = t;
        for (int i = 0; i < d; i++) {
            if (i == c)
                continue;
            double f = A[i * d + c] / A[c * d + c];
            for (int k = 0; k < d; k++)
                A[i * d + k] -= f * A[c * d + k];
            r[i] -= f * r[c];
        }
    }
    double bias = ym;
    for (int j = 0; j < d; j++) {
        w[j] = r[j] / A[j * d + j];
        bias -= column_mean(X, n, d, j) * w[j];
    }
    *b = bias;
    free(A);
    free(r);
    return 0;
}
