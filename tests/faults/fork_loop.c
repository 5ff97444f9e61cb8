/* expect: status=graded passed=no case=forbidden */
/* says: tried to start a new process */
/* A fork bomb: each process forks again, forever. */
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    (void)P;
    for (;;)
        fork();
}
