/* expect: status=graded passed=no case=timeout */
/* says: did not finish within */
/* output: capped */
/* A debugging print inside a loop that never ends: output without end. */
#include <stdio.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    for (long i = 0;; i++) {
        printf("row %ld of %d (k = %d)\n", i, n, k);
        P[0] = (double)i;
    }
}
