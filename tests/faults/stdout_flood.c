/* expect: status=graded correctness=pass stability=pass */
/* says: */
/* output: capped */
/* Right answers, but every call prints a debugging trace of megabytes:
 * the report keeps the first 64 KiB and the grading must not slow down. */
#include <math.h>
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int r = 0; r < 20000; r++)
        printf("debug: row %d of %d, k = %d, still computing the softmax ......"
               "................................................................\n",
               r, n, k);
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        for (int j = 0; j < k; j++)
            s += p[j] = exp(z[j] - m);
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
}
