/* runner_redzone — canaries around the blocks the solution's own code
 * allocates (alloc.c makes the blocks), so that a write one element past
 * a scratch array it malloc'd, or one before it, is seen: guard pages
 * cover only the runner's buffers.  Each block has PLAN_HEAP_FRONT (16)
 * canary bytes just before it and PLAN_HEAP_BACK (16) just after it; a
 * table of the live blocks (kept in memory of its own, outside the heap)
 * gives their sizes.  The
 * canaries are checked when a block is freed or reallocated, for every
 * live block after each call, and when the program aborts (libc's
 * allocator found its own bookkeeping overwritten); a changed byte ends
 * the runner with a PF_HEAP fault.  Not in the sanitizer runner, whose
 * AddressSanitizer does this itself.
 *
 * The canary byte changes from block to block, starting from case to case
 * at another one (redzone_case): a read one element past a block (or
 * before it) gets a huge negative number, a huge positive one or 0, so
 * that a read whose value is guarded (p > 0, x != 0) or a write that
 * happens only for some value still shows in some case.  Each block keeps
 * the pattern it was armed with. */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runner/runner.h"

/* What the canaries hold, by pattern: as a double about -1e57, about
 * +7e53 and 0; as an int32 about -8.8e8, +1.3e9 and 0. */
static const unsigned char canary_bytes[3] = {PLAN_CANARY, 0x4b, 0x00};
static unsigned pattern;    /* of the next block armed */

static uint64_t canary_word(unsigned pat)
{
    return 0x0101010101010101ull * canary_bytes[pat];
}

/* The allocators' names, as the fault message gives them (wire.c knows
 * the same words). */
static const char *const kind_names[] = {
    [RZ_MALLOC] = "malloc",         [RZ_CALLOC] = "calloc",
    [RZ_REALLOC] = "realloc",       [RZ_ALIGNED_ALLOC] = "aligned_alloc",
    [RZ_MEMALIGN] = "memalign",     [RZ_POSIX_MEMALIGN] = "posix_memalign",
    [RZ_VALLOC] = "valloc",         [RZ_PVALLOC] = "pvalloc",
};

/* The live blocks: open addressing on the block's address, linear
 * probing, at most 3/4 full (blocks are at least 48 bytes apart, 3 slots,
 * so runs of neighbours stay short); cap is 0 or a power of two. */
static rz_block *tab;
static size_t cap, count;
static bool on;

void redzone_start(void)
{
    on = true;
}

void redzone_case(uint32_t run)
{
    pattern = run % 3;
}

/* The next block's pattern: blocks allocated one after the other differ,
 * so that a zero read past one block and written past the next (a mask
 * loop run one element too far) changes a canary. */
static unsigned next_pattern(void)
{
    unsigned p = pattern;
    pattern = (pattern + 1) % 3;
    return p;
}

/* The 16 canary bytes at p (unaligned): written, and whether intact.
 * Fixed-size copies compile to plain loads and stores: a block costs
 * four of each. */
static void fill16(unsigned char *p, unsigned pat)
{
    uint64_t w = canary_word(pat);
    memcpy(p, &w, 8);
    memcpy(p + 8, &w, 8);
}

static bool intact16(const unsigned char *p, unsigned pat)
{
    uint64_t a, b, w = canary_word(pat);
    memcpy(&a, p, 8);
    memcpy(&b, p + 8, 8);
    return ((a ^ w) | (b ^ w)) == 0;
}

/* The address itself, in 16-byte units: blocks allocated one after the
 * other land in nearby slots, so that filling, freeing and checking walk
 * the table (and the heap) in order instead of missing the cache at
 * every step. */
static size_t slot_of(uintptr_t user)
{
    return (size_t)(user >> 4) & (cap - 1);
}

/* Moves the table into one of twice the size; false when no memory. */
static bool grow(void)
{
    size_t ncap = cap ? cap * 2 : 1024;
    rz_block *nt = mmap(NULL, ncap * sizeof *nt, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (nt == MAP_FAILED)
        return false;
    rz_block *old = tab;
    size_t ocap = cap;
    tab = nt;
    cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (!old[i].user)
            continue;
        size_t s = slot_of(old[i].user);
        while (tab[s].user)
            s = (s + 1) & (cap - 1);
        tab[s] = old[i];
    }
    if (old)
        munmap(old, ocap * sizeof *old);
    return true;
}

bool redzone_wanted(void)
{
    return on && (4 * (count + 1) <= 3 * cap || grow());
}

void *redzone_arm(void *base, size_t front, size_t n, int kind)
{
    unsigned char *user = (unsigned char *)base + front;
    unsigned pat = next_pattern();
    fill16(user - PLAN_HEAP_FRONT, pat);
    fill16(user + n, pat);
    size_t s = slot_of((uintptr_t)user);
    while (tab[s].user)
        s = (s + 1) & (cap - 1);
    tab[s] = (rz_block){(uintptr_t)user, n, (uint64_t)__builtin_ctzll(front), (uint64_t)kind,
                        pat};
    count++;
    return user;
}

const rz_block *redzone_find(const void *user)
{
    if (count == 0 || !user)
        return NULL;
    for (size_t s = slot_of((uintptr_t)user);; s = (s + 1) & (cap - 1)) {
        if (tab[s].user == (uintptr_t)user)
            return &tab[s];
        if (!tab[s].user)
            return NULL;
    }
}

void redzone_forget(const rz_block *b)
{
    /* backward-shift deletion: the entries after the hole that probed
     * past it move back, so that no search stops short */
    size_t i = (size_t)(b - tab), j = i;
    for (;;) {
        tab[i].user = 0;
        for (;;) {
            j = (j + 1) & (cap - 1);
            if (!tab[j].user) {
                count--;
                return;
            }
            size_t k = slot_of(tab[j].user);
            bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays)
                break;
        }
        tab[i] = tab[j];
        i = j;
    }
}

/* How far outside block b bytes were changed: the count of bytes from its
 * end to the farthest one changed past it (> 0), else from the nearest
 * one changed before it to its start (< 0), else 0. */
static int64_t damage(const rz_block *b)
{
    const unsigned char *u = (const unsigned char *)b->user;
    unsigned char c = canary_bytes[b->pattern];
    if (!intact16(u + b->n, b->pattern)) {
        int64_t k = PLAN_HEAP_BACK;
        while (u[b->n + (size_t)k - 1] == c)
            k--;
        return k;
    }
    const unsigned char *f = u - PLAN_HEAP_FRONT;
    if (!intact16(f, b->pattern)) {
        int64_t k = 0;
        while (f[k] == c)
            k++;
        return -(PLAN_HEAP_FRONT - k);
    }
    return 0;
}

/* Reports block b's damage d and ends the runner (async-signal-safe). */
static void report(const rz_block *b, int64_t d, const char *when)
{
    char text[64];
    const char *k = kind_names[b->kind];    /* 3 bits: every value named */
    size_t kn = strlen(k), wn = strlen(when);
    memcpy(text, k, kn);
    text[kn] = ' ';
    memcpy(text + kn + 1, when, wn + 1);
    runner_send(PM_FAULT, PF_HEAP, (int64_t)b->n, d, text);
    _exit(2);
}

/* The first block written past its end, else the first written before
 * its start (most likely the end of the block below it), else NULL. */
static const rz_block *first_damaged(int64_t *d)
{
    const rz_block *before = NULL;
    int64_t db = 0;
    for (size_t s = 0; s < cap; s++) {
        if (!tab[s].user)
            continue;
        int64_t x = damage(&tab[s]);
        if (x > 0) {
            *d = x;
            return &tab[s];
        }
        if (x < 0 && !before) {
            before = &tab[s];
            db = x;
        }
    }
    *d = db;
    return before;
}

void redzone_check(const rz_block *b, const char *when)
{
    int64_t d = damage(b);
    if (d == 0)
        return;
    if (d < 0) {
        /* written before its start: a block written past its end (the
         * one below) is the likelier cause, and is named first */
        int64_t d2;
        const rz_block *o = first_damaged(&d2);
        if (o && d2 > 0)
            report(o, d2, when);
    }
    report(b, d, when);
}

void redzone_check_all(const char *when)
{
    if (count == 0)
        return;
    int64_t d;
    const rz_block *b = first_damaged(&d);
    if (b)
        report(b, d, when);
}
