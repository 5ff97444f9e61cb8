/* expect: status=graded passed=no case=memory */
/* says: ran out of memory: an allocation of */
/* Asks for more memory than there is, checks the NULL, and keeps asking
 * until it is stopped: a timeout on the face of it, but what went wrong
 * is memory (issue 12: memory exhausted then spinning is memory). */
#include <stdlib.h>
#include <string.h>

void softmax(const double *Z, int n, int k, double *P)
{
    size_t want = (size_t)64 << 30;    /* far past the limit */
    double *buf = NULL;
    while (!(buf = malloc(want)))
        ;    /* retry: the memory never comes */
    memcpy(buf, Z, sizeof(double) * (size_t)n * (size_t)k);
    memcpy(P, buf, sizeof(double) * (size_t)n * (size_t)k);
    free(buf);
}
