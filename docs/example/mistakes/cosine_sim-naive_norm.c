/* Mistake: the norm as sqrt(sum of squares).  Entries around 1e170 square
 * to 1e340, beyond the largest double: the norm overflows to inf, the
 * scaled row becomes 0 and every similarity 0.  Zero rows are handled. */
#include <math.h>

static double dot(const double *x, const double *y, int d)
{
    double s = 0;
    for (int k = 0; k < d; k++)
        s += x[k] * y[k];
    return s;
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    for (int i = 0; i < n; i++) {
        const double *a = A + (long)i * d;
        double na = sqrt(dot(a, a, d));
        for (int j = 0; j < m; j++) {
            const double *b = B + (long)j * d;
            double nb = sqrt(dot(b, b, d));
            double s = 0;
            if (na > 0 && nb > 0)
                for (int k = 0; k < d; k++)
                    s += (a[k] / na) * (b[k] / nb);
            S[(long)i * m + j] = s;
        }
    }
}
