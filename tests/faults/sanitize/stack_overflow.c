/* expect: status=graded passed=no case=crash */
/* says: stack overflow */
/* A recursive row maximum with the base case written the wrong way
 * round: it never reaches it, and each level keeps a local buffer. */
#include <math.h>

static double row_max(const double *z, int j, int k)
{
    volatile double pad[64];
    pad[j & 63] = z[0];
    if (j == -1)
        return pad[0];
    double rest = row_max(z, j + 1, k);
    return z[j % k] > rest ? z[j % k] : rest + pad[j & 63] * 0;
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = row_max(z, 0, k), s = 0.0;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
}
