/* expect: status=graded passed=no case=forbidden */
/* says: while loading the solution */
/* A constructor runs inside dlopen, before any function is called: it
 * tries to leave a file behind in /tmp and in the current directory.
 * softmax itself is right. */
#include <math.h>
#include <stdio.h>

__attribute__((constructor)) static void plant(void)
{
    FILE *f = fopen("/tmp/mldrill-fault-ctor", "w");
    if (f)
        fclose(f);
    f = fopen("planted-by-constructor.txt", "w");
    if (f)
        fclose(f);
}

void softmax(const double *Z, int n, int k, double *P)
{
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
