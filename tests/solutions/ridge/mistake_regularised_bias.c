/* expect: status=graded passed=no correctness=fail mistake=regularised_bias */
/* "Add a column of ones and the bias is just another weight": the system
 * ([X 1]^T [X 1] + alpha I) theta = [X 1]^T y is built with loops and
 * solved by Gaussian elimination -- but alpha lands on the bias's diagonal
 * entry too, so the intercept is shrunk towards 0. */
#include <math.h>
#include <stdlib.h>

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0)
        return -1;
    int m = d + 1;
    double *A = calloc((size_t)m * m, sizeof(double));
    double *t = calloc(m, sizeof(double));
    double *row = malloc(sizeof(double) * m);
    if (!A || !t || !row) {
        free(A);
        free(t);
        free(row);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            row[j] = X[i * d + j];
        row[d] = 1.0;
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++)
                A[j * m + k] += row[j] * row[k];
            t[j] += row[j] * y[i];
        }
    }
    for (int j = 0; j < m; j++)
        A[j * m + j] += alpha;

    /* elimination without pivoting: A is symmetric positive definite */
    for (int c = 0; c < m; c++)
        for (int r = c + 1; r < m; r++) {
            double f = A[r * m + c] / A[c * m + c];
            for (int k = c; k < m; k++)
                A[r * m + k] -= f * A[c * m + k];
            t[r] -= f * t[c];
        }
    for (int c = m - 1; c >= 0; c--) {
        for (int k = c + 1; k < m; k++)
            t[c] -= A[c * m + k] * t[k];
        t[c] /= A[c * m + c];
    }
    for (int j = 0; j < d; j++)
        w[j] = t[j];
    *b = t[d];
    free(A);
    free(t);
    free(row);
    return 0;
}
