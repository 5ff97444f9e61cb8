/* expect: status=graded passed=no case=memory */
/* A "cache" of 64 MiB blocks that is filled but never bounded or freed:
 * the loop that was supposed to stop after the last row never does.  Each
 * block is linked to the previous one so nothing is optimised away. */
#include <stdlib.h>
#include <string.h>

void softmax(const double *Z, int n, int k, double *P)
{
    (void)Z;
    (void)n;
    (void)k;
    const size_t chunk = (size_t)64 << 20;
    void *prev = NULL;
    for (;;) {
        char *block = malloc(chunk);
        memset(block, 1, chunk);
        memcpy(block, &prev, sizeof prev);
        prev = block;
        memcpy(P, &prev, sizeof prev);
    }
}
