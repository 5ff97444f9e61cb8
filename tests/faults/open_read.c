/* expect: status=graded passed=no case=forbidden */
/* says: tried to open a file */
/* Looks for the expected answers on disk instead of computing them. */
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    FILE *f = fopen("/etc/passwd", "r");
    for (long i = 0; i < (long)n * k; i++)
        P[i] = f ? (double)fgetc(f) : 0.0;
}
