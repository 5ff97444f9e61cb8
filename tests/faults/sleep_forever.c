/* expect: status=graded passed=no case=timeout */
/* says: did not finish within */
/* Waits for a result that never comes (a debugging pause left in): it
 * sleeps, so it uses no CPU time and only the wall-clock limit stops it. */
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    (void)P;
    for (;;)
        sleep(1000);
}
