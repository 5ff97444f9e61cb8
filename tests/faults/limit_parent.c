/* expect: status=graded passed=no case=forbidden */
/* says: change resource limits */
/* Lowers the grader's CPU limit to one second so that it dies first. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    struct rlimit one = {1, 1};
    prlimit(getppid(), RLIMIT_CPU, &one, NULL);
    P[0] = 0;
}
