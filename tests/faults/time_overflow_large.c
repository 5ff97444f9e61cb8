/* expect: status=graded passed=no correctness=fail case=crash */
/* says: wrote 8 bytes past the end of output P */
/* A blocked loop for large matrices that always does whole blocks of 64
 * rows: the last block runs past the end of P unless n is a multiple of
 * 64.  Every case below a million elements takes the plain loop, so only
 * the timing input (2000 x 1000), graded as a case, shows it. */
#include <math.h>

#define BLOCK 64

static void row(const double *z, int k, double *p)
{
    double m = z[0], s = 0.0;
    for (int j = 1; j < k; j++)
        m = z[j] > m ? z[j] : m;
    for (int j = 0; j < k; j++)
        s += p[j] = exp(z[j] - m);
    for (int j = 0; j < k; j++)
        p[j] /= s;
}

void softmax(const double *Z, int n, int k, double *P)
{
    if ((long)n * k < 1000000) {
        for (int i = 0; i < n; i++)
            row(Z + (long)i * k, k, P + (long)i * k);
        return;
    }
    for (int b = 0; b < n; b += BLOCK)
        for (int i = b; i < b + BLOCK; i++)
            row(Z + (long)(i < n ? i : n - 1) * k, k, P + (long)i * k);
}
