/* expect: status=graded passed=no case=forbidden */
/* says: tried to create a file */
/* Writes a debugging dump of P into the current directory. */
#include <math.h>
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (long i = 0; i < (long)n * k; i++)
        P[i] = exp(Z[i]);
    FILE *f = fopen("softmax-debug.txt", "w");
    if (f) {
        fprintf(f, "%g\n", P[0]);
        fclose(f);
    }
}
