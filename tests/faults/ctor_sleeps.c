/* expect: status=graded passed=no case=timeout */
/* says: while loading the solution */
/* A constructor that never returns: dlopen hangs, so no function can be
 * called at all. */
#include <math.h>
#include <unistd.h>

__attribute__((constructor)) static void hang(void)
{
    for (;;)
        sleep(1000);
}

void softmax(const double *Z, int n, int k, double *P)
{
    for (long i = 0; i < (long)n * k; i++)
        P[i] = exp(Z[i]);
}
