/* runner_alloc — counts the bytes the process has allocated through
 * malloc and friends, and the anonymous memory the solution maps itself
 * (mmap, munmap, mremap called from its code), and remembers a failed
 * allocation, by defining these functions in the runner executable:
 * symbols of the main program take precedence over libc's for every
 * library loaded, the solution included.  Used for "nothing leaked after
 * _free" and for telling "out of memory" from an ordinary crash.  In
 * case runs, a block the solution's own code allocates gets canaries
 * before and after it (redzone.c), and is counted as the size it asked
 * for, which malloc_usable_size gives too; every other block is libc's
 * as it is.  Left out of the sanitizer runner, where ASan's allocator
 * must stay in charge. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
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

static int from_solution(const void *ra);

/* libc's malloc_usable_size (this file defines its own, which answers
 * for the blocks with canaries), looked up the first time it is needed;
 * 0 for what that lookup itself might allocate. */
static size_t libc_usable(void *p)
{
    static size_t (*fn)(void *);
    static bool looking;
    if (!fn && !looking) {
        looking = true;
        fn = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
        looking = false;
    }
    return fn ? fn(p) : 0;
}

static void *track(void *p, size_t n)
{
    if (p)
        runner_heap_live += (long long)libc_usable(p);
    else if (n)
        failed(n);
    return p;
}

/* --- blocks of the solution's own, with canaries (redzone.c) ----------------- */

/* Whether a block asked for by a call from ra gets canaries: the
 * solution's code, in a case run, alignment at most a page. */
static bool wants_canaries(const void *ra, size_t align)
{
    return from_solution(ra) && align <= PLAN_PAGE && (align & (align - 1)) == 0 &&
           redzone_wanted();
}

/* A block of n bytes (zeroed when zero) aligned to align (0: malloc's),
 * with canaries before and after it; counted as n bytes. */
static void *guarded(size_t align, size_t n, int kind, bool zero)
{
    size_t front = align > PLAN_HEAP_FRONT ? align : PLAN_HEAP_FRONT;
    void *base = NULL;
    if (n <= RZ_MAX_SIZE) {
        size_t total = front + n + PLAN_HEAP_BACK;
        base = zero ? __libc_calloc(1, total)
                    : align > PLAN_HEAP_FRONT ? __libc_memalign(align, total)
                                              : __libc_malloc(total);
    }
    if (!base) {
        if (n)
            failed(n);
        errno = ENOMEM;
        return NULL;
    }
    runner_heap_live += (long long)n;
    return redzone_arm(base, front, n, kind);
}

/* Frees block b, checked first (when: what found it). */
static void guarded_free(const rz_block *b, const char *when)
{
    redzone_check(b, when);
    void *base = (char *)b->user - ((size_t)1 << b->front_log2);
    runner_heap_live -= (long long)b->n;
    redzone_forget(b);
    __libc_free(base);
}

/* realloc of block b, checked first; the new block keeps its front. */
static void *guarded_realloc(const rz_block *b, size_t n)
{
    if (n == 0) {    /* as libc does: realloc(p, 0) frees p */
        guarded_free(b, "realloc");
        return NULL;
    }
    redzone_check(b, "realloc");
    rz_block old = *b;
    size_t front = (size_t)1 << old.front_log2;
    char *nb = NULL;
    if (n <= RZ_MAX_SIZE)
        nb = __libc_realloc((char *)old.user - front, front + n + PLAN_HEAP_BACK);
    if (!nb) {
        failed(n);    /* the block is still allocated */
        errno = ENOMEM;
        return NULL;
    }
    redzone_forget(b);
    runner_heap_live += (long long)n - (long long)old.n;
    return redzone_arm(nb, front, n, RZ_REALLOC);
}

/* --- the allocator's entry points ---------------------------------------------- */

void *malloc(size_t n)
{
    if (wants_canaries(__builtin_return_address(0), 0))
        return guarded(0, n, RZ_MALLOC, false);
    return track(__libc_malloc(n), n);
}

void *calloc(size_t n, size_t size)
{
    size_t total;
    bool overflow = __builtin_mul_overflow(n, size, &total);
    if (!overflow && wants_canaries(__builtin_return_address(0), 0))
        return guarded(0, total, RZ_CALLOC, true);
    return track(__libc_calloc(n, size), overflow ? SIZE_MAX : total);
}

void free(void *p)
{
    const rz_block *b = redzone_find(p);
    if (b) {
        guarded_free(b, "free");
        return;
    }
    if (p)
        runner_heap_live -= (long long)libc_usable(p);
    __libc_free(p);
}

void *realloc(void *p, size_t n)
{
    if (!p && wants_canaries(__builtin_return_address(0), 0))
        return guarded(0, n, RZ_REALLOC, false);
    const rz_block *b = redzone_find(p);
    if (b)
        return guarded_realloc(b, n);
    long long old = p ? (long long)libc_usable(p) : 0;
    void *q = __libc_realloc(p, n);
    if (q) {
        runner_heap_live += (long long)libc_usable(q) - old;
    } else if (n) {
        failed(n);    /* p is still allocated */
    } else {
        runner_heap_live -= old;    /* realloc(p, 0) freed p */
    }
    return q;
}

size_t malloc_usable_size(void *p)
{
    const rz_block *b = redzone_find(p);
    return b ? b->n : p ? libc_usable(p) : 0;
}

/* The aligned allocators, for a call from ra. */
static void *aligned(size_t align, size_t n, int kind, const void *ra)
{
    if (wants_canaries(ra, align))
        return guarded(align, n, kind, false);
    return track(__libc_memalign(align, n), n);
}

void *memalign(size_t align, size_t n)
{
    return aligned(align, n, RZ_MEMALIGN, __builtin_return_address(0));
}

void *aligned_alloc(size_t align, size_t n)
{
    return aligned(align, n, RZ_ALIGNED_ALLOC, __builtin_return_address(0));
}

void *valloc(size_t n)
{
    return aligned(4096, n, RZ_VALLOC, __builtin_return_address(0));
}

void *pvalloc(size_t n)
{
    size_t rounded = n > SIZE_MAX - 4095 ? SIZE_MAX : (n + 4095) & ~(size_t)4095;
    return aligned(4096, rounded, RZ_PVALLOC, __builtin_return_address(0));
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = aligned(align, n, RZ_POSIX_MEMALIGN, __builtin_return_address(0));
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
