/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Right and stable, but both norms are recomputed for every pair: three
 * passes over d per pair instead of one, and no matrix product. */
#include <math.h>

static double safe_norm(const double *x, int d)
{
    double big = 0, s = 0;
    for (int k = 0; k < d; k++)
        if (fabs(x[k]) > big)
            big = fabs(x[k]);
    for (int k = 0; k < d && big > 0; k++)
        s += (x[k] / big) * (x[k] / big);
    return big * sqrt(s);
}

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            const double *a = A + (long)i * d, *b = B + (long)j * d;
            double na = safe_norm(a, d), nb = safe_norm(b, d), s = 0;
            for (int k = 0; k < d && na > 0 && nb > 0; k++)
                s += (a[k] / na) * (b[k] / nb);
            S[(long)i * m + j] = s;
        }
}
