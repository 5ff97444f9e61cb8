/* runner_alloc — counts the bytes the process has allocated through
 * malloc and friends, and remembers a failed allocation, by defining the
 * allocation functions in the runner executable: symbols of the main
 * program take precedence over libc's for every library loaded, the
 * solution included.  Used for "nothing leaked after _free" and for
 * telling "out of memory" from an ordinary crash.  Left out of the
 * sanitizer runner, where ASan's allocator must stay in charge. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stddef.h>

#include "runner/runner.h"

extern void *__libc_malloc(size_t n);
extern void __libc_free(void *p);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);

static void *track(void *p, size_t n)
{
    if (p)
        runner_heap_live += (long long)malloc_usable_size(p);
    else if (n)
        runner_alloc_failed = n;
    return p;
}

void *malloc(size_t n) { return track(__libc_malloc(n), n); }

void *calloc(size_t n, size_t size)
{
    return track(__libc_calloc(n, size), n != 0 && size != 0 ? n * size : 0);
}

void free(void *p)
{
    if (p)
        runner_heap_live -= (long long)malloc_usable_size(p);
    __libc_free(p);
}

void *realloc(void *p, size_t n)
{
    long long old = p ? (long long)malloc_usable_size(p) : 0;
    void *q = __libc_realloc(p, n);
    if (q) {
        runner_heap_live += (long long)malloc_usable_size(q) - old;
    } else if (n) {
        runner_alloc_failed = n;    /* p is still allocated */
    } else {
        runner_heap_live -= old;    /* realloc(p, 0) freed p */
    }
    return q;
}

void *memalign(size_t align, size_t n) { return track(__libc_memalign(align, n), n); }

void *aligned_alloc(size_t align, size_t n) { return memalign(align, n); }

void *valloc(size_t n) { return memalign(4096, n); }

void *pvalloc(size_t n) { return memalign(4096, (n + 4095) & ~(size_t)4095); }

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = memalign(align, n);
    if (!p && n)
        return ENOMEM;
    *out = p;
    return 0;
}
