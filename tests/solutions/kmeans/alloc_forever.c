/* expect: status=graded passed=no case=memory */
/* Keeps a "history" of 64 MiB snapshot blocks, one per pass, and the pass
 * loop has no exit: memory grows until something stops it.  Blocks are
 * chained (each stores the previous one's address) so the compiler cannot
 * drop them. */
#include <stdlib.h>
#include <string.h>

int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    (void)X;
    (void)n;
    (void)d;
    (void)k;
    (void)max_iter;
    (void)tol;
    (void)labels;
    const size_t chunk = (size_t)64 << 20;
    void *prev = NULL;
    for (;;) {
        char *block = malloc(chunk);
        memset(block, 1, chunk);
        memcpy(block, &prev, sizeof prev);
        prev = block;
        memcpy(inertia, &prev, sizeof prev);
        C[0] += 1.0;
    }
}
