/* expect: status=graded passed=yes correctness=pass stability=pass organization=pass */
/* Plain loops.  Means first; then the normal matrix A = Xc^T Xc + alpha I
 * and the right-hand side Xc^T yc are accumulated one row at a time (the
 * centred row is formed on the fly), and A w = rhs is solved by Gaussian
 * elimination with partial pivoting.  b = mean(y) - mean(X).w. */
#include <math.h>
#include <stdlib.h>

/* Solves A x = r in place (A is m-by-m, destroyed); -1 on a zero pivot. */
static int gauss_solve(double *A, double *r, int m)
{
    for (int c = 0; c < m; c++) {
        int piv = c;
        for (int i = c + 1; i < m; i++)
            if (fabs(A[i * m + c]) > fabs(A[piv * m + c]))
                piv = i;
        if (A[piv * m + c] == 0.0)
            return -1;
        if (piv != c) {
            for (int j = 0; j < m; j++) {
                double t = A[c * m + j];
                A[c * m + j] = A[piv * m + j];
                A[piv * m + j] = t;
            }
            double t = r[c];
            r[c] = r[piv];
            r[piv] = t;
        }
        for (int i = c + 1; i < m; i++) {
            double f = A[i * m + c] / A[c * m + c];
            if (f == 0.0)
                continue;
            for (int j = c; j < m; j++)
                A[i * m + j] -= f * A[c * m + j];
            r[i] -= f * r[c];
        }
    }
    for (int c = m - 1; c >= 0; c--) {
        double s = r[c];
        for (int j = c + 1; j < m; j++)
            s -= A[c * m + j] * r[j];
        r[c] = s / A[c * m + c];
    }
    return 0;
}

int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    if (n < 1 || d < 1 || !(alpha >= 0))
        return -1;
    double *mx = calloc(d, sizeof(double));
    double *xc = malloc(sizeof(double) * d);
    double *A = calloc((size_t)d * d, sizeof(double));
    double *r = calloc(d, sizeof(double));
    int status = -1;
    if (!mx || !xc || !A || !r)
        goto done;

    double my = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            mx[j] += X[(long)i * d + j];
        my += y[i];
    }
    for (int j = 0; j < d; j++)
        mx[j] /= n;
    my /= n;

    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            xc[j] = X[(long)i * d + j] - mx[j];
        double yc = y[i] - my;
        for (int j = 0; j < d; j++) {
            double *row = A + (long)j * d;
            for (int k = 0; k < d; k++)
                row[k] += xc[j] * xc[k];
            r[j] += xc[j] * yc;
        }
    }
    for (int j = 0; j < d; j++)
        A[(long)j * d + j] += alpha;

    if (gauss_solve(A, r, d) != 0)
        goto done;
    double bias = my;
    for (int j = 0; j < d; j++) {
        w[j] = r[j];
        bias -= mx[j] * r[j];
    }
    *b = bias;
    status = 0;
done:
    free(mx);
    free(xc);
    free(A);
    free(r);
    return status;
}
