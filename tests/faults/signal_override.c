/* expect: status=graded passed=no case=forbidden */
/* says: tried to change how signals are handled */
/* Ignores the CPU-limit and alarm signals, then loops forever, hoping to
 * outlast the grader. */
#include <signal.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    signal(SIGALRM, SIG_IGN);
    signal(SIGXCPU, SIG_IGN);
    for (volatile long i = 0;; i++)
        P[0] = (double)i;
}
