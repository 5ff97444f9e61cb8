/* expect: status=graded passed=no correctness=fail case=crash */
/* says: while timing: */
/* Keeps the scratch rows of a large call for the next one, but frees
 * them too: the second large call writes into freed memory and frees it
 * again.  One call per case never shows it; the timing rounds call the
 * function again and again on the same input, and the fault they meet is
 * a wrong answer, not a footnote of the speed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double *scratch;

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
    double *buf = scratch ? scratch : malloc(sizeof(double) * (size_t)k);
    for (int i = 0; i < n; i++) {
        row(Z + (long)i * k, k, buf);
        memcpy(P + (long)i * k, buf, sizeof(double) * (size_t)k);
    }
    free(buf);
    scratch = buf;
}
