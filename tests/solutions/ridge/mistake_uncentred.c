/* expect: status=graded passed=no correctness=fail mistake=uncentred */
/* The textbook formula w = (X^T X + alpha I)^-1 X^T y applied to the raw
 * data (solved, not inverted), then "the bias makes the prediction right on
 * average": b = mean(y) - mean(X).w.  Without centring X and y first, w
 * absorbs part of the intercept. */
#include <math.h>
#include <stdlib.h>

static void cholesky_solve(double *A, double *v, int d)
{
    /* A = L L^T in the lower triangle */
    for (int j = 0; j < d; j++) {
        double s = A[j * d + j];
        for (int k = 0; k < j; k++)
            s -= A[j * d + k] * A[j * d + k];
        A[j * d + j] = sqrt(s);
        for (int i = j + 1; i < d; i++) {
            double t = A[i * d + j];
            for (int k = 0; k < j; k++)
                t -= A[i * d + k] * A[j * d + k];
            A[i * d + j] = t / A[j * d + j];
        }
    }
    for (int i = 0; i < d; i++) {          /* L z = v */
        for (int k = 0; k < i; k++)
            v[i] -= A[i * d + k] * v[k];
        v[i] /= A[i * d + i];
    }
    for (int i = d - 1; i >= 0; i--) {     /* L^T w = z */
        for (int k = i + 1; k < d; k++)
            v[i] -= A[k * d + i] * v[k];
        v[i] /= A[i * d + i];
    }
}

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || alpha < 0)
        return -1;
    double *A = calloc((size_t)d * d, sizeof(double));
    if (!A)
        return -1;
    for (int j = 0; j < d; j++)
        w[j] = 0.0;
    for (int i = 0; i < n; i++) {
        const double *x = X + i * d;
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++)
                A[j * d + k] += x[j] * x[k];
            w[j] += x[j] * y[i];
        }
    }
    for (int j = 0; j < d; j++)
        A[j * d + j] += alpha;
    cholesky_solve(A, w, d);

    double ym = 0.0;
    for (int i = 0; i < n; i++)
        ym += y[i];
    ym /= n;
    double bias = ym;
    for (int j = 0; j < d; j++) {
        double xm = 0.0;
        for (int i = 0; i < n; i++)
            xm += X[i * d + j];
        bias -= xm / n * w[j];
    }
    *b = bias;
    free(A);
    return 0;
}
