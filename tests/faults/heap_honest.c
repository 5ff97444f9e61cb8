/* expect: status=graded correctness=pass stability=pass organization=pass */
/* says: */
/* No fault: every allocator the canaries wrap, used right — a row from
 * malloc written up to malloc_usable_size, calloc, realloc growing and
 * shrinking, aligned_alloc, posix_memalign, memalign and valloc, strdup
 * (libc's own block, freed by the solution), realloc(p, 0) — each freed
 * before the call returns. */
#define _GNU_SOURCE
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *e = malloc(sizeof(double) * (size_t)k);
    size_t usable = malloc_usable_size(e);
    memset(e, 0, usable);
    int *seen = calloc((size_t)k, sizeof(int));
    double *sums = realloc(NULL, sizeof(double));
    double *a = aligned_alloc(64, 64 * ((sizeof(double) * (size_t)k + 63) / 64));
    void *b = NULL;
    if (posix_memalign(&b, 32, 8 * (size_t)k) != 0)
        b = NULL;
    void *c = memalign(256, 24), *d = valloc(100);
    char *s = strdup("softmax");
    for (int i = 0; i < n; i++) {
        sums = realloc(sums, sizeof(double) * (size_t)(i + 1));
        const double *z = Z + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = z[j] > m ? z[j] : m;
        sums[i] = 0.0;
        for (int j = 0; j < k; j++) {
            a[j] = e[j] = exp(z[j] - m);
            sums[i] += e[j];
            seen[j]++;
        }
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = a[j] / sums[i];
    }
    sums = realloc(sums, sizeof(double));
    s = realloc(s, 0);
    free(s);
    free(e);
    free(seen);
    free(sums);
    free(a);
    free(b);
    free(c);
    free(d);
}
