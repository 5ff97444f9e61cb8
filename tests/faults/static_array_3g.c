/* expect: status=graded passed=no case=memory */
/* says: its static data does not fit in the memory limit */
/* A 3 GiB static array, 600 MiB of it used: the limit on the address
 * space was once set after loading, on top of what was mapped then, so a
 * large enough static array raised its own allowance. */
#include <math.h>
#include <stddef.h>

static double big[3ull << 27];

void softmax(const double *Z, int n, int k, double *P)
{
    for (size_t i = 0; i < (600ull << 20) / sizeof(double); i += 512)
        big[i] = (double)i;
    for (int i = 0; i < n; i++) {
        double mx = Z[i * k], s = 0;
        for (int j = 1; j < k; j++)
            mx = fmax(mx, Z[i * k + j]);
        for (int j = 0; j < k; j++)
            s += P[i * k + j] = exp(Z[i * k + j] - mx) + big[j] * 0;
        for (int j = 0; j < k; j++)
            P[i * k + j] /= s;
    }
}
