/* expect: status=graded passed=no case=forbidden */
/* says: tried to run another program */
/* Replaces the process with a shell. */
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    (void)P;
    char *const argv[] = {"sh", "-c", "echo pwned > /tmp/mldrill-fault-exec", NULL};
    execv("/bin/sh", argv);
}
