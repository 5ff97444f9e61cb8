/* expect: status=graded passed=no case=crash */
/* says: closed mldrill's status channel */
/* Closes every descriptor it can find, "to clean up", and then spins. */
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    for (int fd = 0; fd < 64; fd++)
        close(fd);
    for (volatile long i = 0;; i++)
        P[0] = (double)i;
}
