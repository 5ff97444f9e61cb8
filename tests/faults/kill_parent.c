/* expect: status=graded passed=no case=forbidden */
/* says: tried to send a signal to another process */
/* Tries to take the grader down with it. */
#include <signal.h>
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    kill(getppid(), SIGKILL);
    kill(-1, SIGKILL);
    P[0] = 0;
}
