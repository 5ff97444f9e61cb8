/* expect: status=graded passed=no case=forbidden */
/* says: tried to run another program */
/* Shells out to "compute" something (and to leave a trace in /tmp). */
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    P[0] = system("echo pwned > /tmp/mldrill-fault-system");
}
