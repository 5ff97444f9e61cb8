/* runner_alloc — counts the bytes the process has allocated through
 * malloc and friends, and the anonymous memory the solution maps itself
 * (mmap, munmap, mremap called from its code), and remembers a failed
 * allocation, by defining these functions in the runner executable:
 * symbols of the main program take precedence over libc's for every
 * library loaded, the solution included.  Used for "nothing leaked after
 * _free" and for telling "out of memory" from an ordinary crash.  Left
 * out of the sanitizer runner, where ASan's allocator must stay in
 * charge. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runner/runner.h"

extern void *__libc_malloc(size_t n);
extern void __libc_free(void *p);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);

/* Remembers a failed allocation of n bytes, in OUT too for the call in
 * progress: the grader reads it there even if the process is then
 * killed (a solution that spins on after running out). */
static void failed(size_t n)
{
    runner_alloc_failed = n;
    plan_res *res = runner_call_res;
    if (res)
        res->alloc_failed = n;
}

static void *track(void *p, size_t n)
{
    if (p)
        runner_heap_live += (long long)malloc_usable_size(p);
    else if (n)
        failed(n);
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
        failed(n);    /* p is still allocated */
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

/* --- memory the solution maps itself ------------------------------------------ */

/* The mappings counted, so that unmapping them is counted back.  A
 * solution with more live mappings than this has the rest counted as
 * live until the process ends. */
#define MAX_MAPS 4096
static struct {
    uintptr_t addr;
    size_t len;
} maps[MAX_MAPS];

/* Whether the caller at ra is the solution's code (runner.h: R.sol_lo,
 * R.sol_hi, its executable segments); OpenBLAS's buffers and libc's
 * own mappings are not counted. */
static int from_solution(const void *ra)
{
    uintptr_t a = (uintptr_t)ra;
    return a >= R.sol_lo && a < R.sol_hi;
}

static void map_add(void *p, size_t len)
{
    for (int i = 0; i < MAX_MAPS; i++)
        if (maps[i].len == 0) {
            maps[i].addr = (uintptr_t)p;
            maps[i].len = len;
            break;
        }
    runner_heap_live += (long long)len;
}

/* Forgets the counted bytes of [addr, addr + len). */
static void map_remove(uintptr_t addr, size_t len)
{
    for (int i = 0; i < MAX_MAPS; i++) {
        uintptr_t lo = maps[i].addr, hi = lo + maps[i].len;
        if (maps[i].len == 0 || addr >= hi || addr + len <= lo)
            continue;
        uintptr_t cut_lo = addr > lo ? addr : lo, cut_hi = addr + len < hi ? addr + len : hi;
        runner_heap_live -= (long long)(cut_hi - cut_lo);
        /* what is left of it: the part before the cut (a cut in the
         * middle leaves the part after it counted as well) */
        if (cut_lo > lo)
            maps[i].len = cut_lo - lo;
        else if (cut_hi < hi) {
            maps[i].addr = cut_hi;
            maps[i].len = hi - cut_hi;
        } else
            maps[i].len = 0;
    }
}

/* mmap, counted when the solution's code calls it for anonymous memory;
 * exported under both names libc uses (mmap64 with 64-bit file offsets,
 * which is how this file is compiled). */
static void *counted_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off,
                          const void *caller)
{
    void *p = (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    if (p == MAP_FAILED || (uintptr_t)p > (uintptr_t)-4096) {
        if (len)
            runner_alloc_failed = len;
        return MAP_FAILED;
    }
    if ((flags & MAP_ANONYMOUS) && from_solution(caller))
        map_add(p, len);
    return p;
}

void *runner_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
    __asm__("mmap");
void *runner_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
    __asm__("mmap64");

void *runner_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return counted_mmap(addr, len, prot, flags, fd, off, __builtin_return_address(0));
}

void *runner_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return counted_mmap(addr, len, prot, flags, fd, off, __builtin_return_address(0));
}

int munmap(void *addr, size_t len)
{
    int rc = (int)syscall(SYS_munmap, addr, len);
    if (rc == 0)
        map_remove((uintptr_t)addr, len);
    return rc;
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    void *want = (flags & MREMAP_FIXED) ? va_arg(ap, void *) : NULL;
    va_end(ap);
    void *p = (void *)syscall(SYS_mremap, old, old_len, new_len, flags, want);
    if (p == MAP_FAILED || (uintptr_t)p > (uintptr_t)-4096)
        return MAP_FAILED;
    for (int i = 0; i < MAX_MAPS; i++)
        if (maps[i].len && maps[i].addr == (uintptr_t)old) {
            map_remove((uintptr_t)old, old_len);
            map_add(p, new_len);
            break;
        }
    return p;
}
