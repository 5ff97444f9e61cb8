/* expect: status=graded passed=no organization=fail mistake=mutates_input */
/* Normalises A in place to save a copy (casting away const): right
 * answer, but the caller's data is changed. */
#include <math.h>

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    double *a = (double *)A;
    for (int i = 0; i < n; i++) {
        double big = 0, s = 0;
        for (int k = 0; k < d; k++)
            big = fmax(big, fabs(a[(long)i * d + k]));
        for (int k = 0; k < d && big > 0; k++)
            s += (a[(long)i * d + k] / big) * (a[(long)i * d + k] / big);
        double norm = big * sqrt(s);
        for (int k = 0; k < d && norm > 0; k++)
            a[(long)i * d + k] /= norm;
    }
    for (int j = 0; j < m; j++) {
        const double *b = B + (long)j * d;
        double big = 0, s = 0;
        for (int k = 0; k < d; k++)
            big = fmax(big, fabs(b[k]));
        for (int k = 0; k < d && big > 0; k++)
            s += (b[k] / big) * (b[k] / big);
        double norm = big * sqrt(s);
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int k = 0; k < d && norm > 0; k++)
                dot += a[(long)i * d + k] * (b[k] / norm);
            S[(long)i * m + j] = dot;
        }
    }
}
