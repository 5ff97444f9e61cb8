/* runner — internals of the mldrill-runner executable, the process that
 * loads a solution and calls it (see plan.h for the protocol and
 * docs/security.md for the sandbox).  Its modules share one state record
 * because the fault handler must find everything without allocating. */
#ifndef MLDRILL_RUNNER_H
#define MLDRILL_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "run/plan.h"

enum runner_phase {
    PHASE_SETUP,      /* the runner's own code */
    PHASE_LOAD,       /* dlopen: the solution's constructors run */
    PHASE_CALL,       /* inside a solution function */
    PHASE_COPY,       /* reading string outputs the solution returned */
};

/* A mapped buffer: [base, base + span) with guard pages at both ends;
 * the data is [data, data + nbytes). */
typedef struct rbuf {
    char *base;
    size_t span;
    char *data;
    size_t nbytes;
    uint32_t elem, flags, file;
    bool private_ptrs;    /* a pointer array the runner built (strings) */
    char *sbase;          /* string inputs: the strings, mapped on their own
                             between guards at [sbase, sbase + sspan) */
    size_t sspan;
    char *sdata;          /* the first string */
    bool hidden;          /* an input made inaccessible: the current call
                             was not given it */
} rbuf;

typedef struct runner_state {
    int status_fd;
    int probe_rd, probe_wr;           /* a pipe for copying user strings safely */
    int statm_fd;                     /* /proc/self/statm, opened before Landlock */
    int pstatus_fd;                   /* /proc/self/status, likewise */
    const plan_hdr *hdr;
    rbuf *bufs;
    uint32_t nbuf;
    volatile uint32_t run, call;      /* what is executing */
    volatile int phase;
    volatile int profiling;           /* the run in progress is PR_PROFILE */
    uintptr_t stack_lo, stack_hi;     /* main stack, for overflow reports */
    uintptr_t sol_lo, sol_hi;         /* the solution's code (alloc.c counts the
                                         memory it maps itself) */
    double cpu_limit_s;
} runner_state;

extern runner_state R;

/* alloc.c: allocation accounting (absent in sanitizer builds,
 * where these stay zero). */
extern volatile long long runner_heap_live;
extern volatile size_t runner_alloc_failed;
/* The result of the call in progress (in OUT), or NULL between calls. */
extern plan_res *volatile runner_call_res;

/* redzone.c: canaries around the blocks the solution's own code
 * allocates (alloc.c makes the blocks); absent in sanitizer builds,
 * where AddressSanitizer does this. */
/* The allocator a block came from, as the fault message names it. */
enum rz_kind {
    RZ_MALLOC, RZ_CALLOC, RZ_REALLOC, RZ_ALIGNED_ALLOC, RZ_MEMALIGN,
    RZ_POSIX_MEMALIGN, RZ_VALLOC, RZ_PVALLOC,
};

/* A live block with canaries: [user - front, user) is the front of the
 * libc block (its last PLAN_HEAP_FRONT bytes the canary), [user + n,
 * user + n + PLAN_HEAP_BACK) the canary after it.  16 bytes: the table
 * of live blocks holds one per block. */
#define RZ_MAX_SIZE (((uint64_t)1 << 40) - 1)    /* n fits in 40 bits */
typedef struct rz_block {
    uintptr_t user;
    uint64_t n : 40;
    uint64_t front_log2 : 5;            /* front == 1 << front_log2 */
    uint64_t kind : 3;                  /* rz_kind */
    uint64_t pattern : 2;               /* the canary byte it was armed with */
} rz_block;

#ifdef RUNNER_SANITIZE
static inline void redzone_start(void) {}
static inline void redzone_case(uint32_t run) { (void)run; }
static inline void redzone_check_all(const char *when) { (void)when; }
#else
/* From now on blocks get canaries (case runs; timing runs stay as
 * libc makes them). */
void redzone_start(void);
/* The canary patterns of the blocks armed from now on start where run's
 * start (redzone.c): the same case gets the same ones every time. */
void redzone_case(uint32_t run);
/* Whether the next block may get canaries: started, and room in the
 * table of live blocks. */
bool redzone_wanted(void);
/* Writes the canaries of the n-byte block at base + front (its libc
 * block has front + n + PLAN_HEAP_BACK bytes) and records it; returns
 * base + front. */
void *redzone_arm(void *base, size_t front, size_t n, int kind);
/* The live block that starts at user, or NULL (valid until the table
 * changes). */
const rz_block *redzone_find(const void *user);
/* Forgets block b (the caller frees its memory). */
void redzone_forget(const rz_block *b);
/* Checks block b's canaries; a changed byte is reported (PF_HEAP, with
 * when: "free", "realloc", "return" or "abort") and ends the runner. */
void redzone_check(const rz_block *b, const char *when);
/* The same for every live block (async-signal-safe). */
void redzone_check_all(const char *when);
#endif

/* fault.c */
void fault_install(void);                 /* signal handlers, alt stack */
void runner_send(uint32_t type, uint32_t code, int64_t a, int64_t b,
                 const char *text);       /* async-signal-safe */
void fault_name_syscalls(void);           /* table for SIGSYS reports */
/* Copies the NUL-terminated string at src, an address the solution gave,
 * into dst without trusting it (async-signal-safe); returns its length,
 * 0 when unreadable. */
size_t fault_safe_copy(char *dst, size_t cap, unsigned long src);
/* The signals the fault handler owns: the solution may not change them. */
extern const int fault_signals[];
extern const int fault_nsignals;

/* profile.c: samples the program counter in the calls of PR_PROFILE
 * runs into OUT's plan_prof (nothing when no run is profiled); the
 * solution's function fn names where it was loaded.  Before the second
 * filter. */
void profile_start(unsigned char *out, void *fn);

/* sandbox.c */
int sandbox_rlimits(double cpu_s);        /* CPU, file size, core, nofile */
int sandbox_drop_privileges(void);        /* capabilities, when run as root */
int sandbox_memory(uint64_t bytes);       /* RLIMIT_AS above current use, before
                                             the solution is loaded */
int sandbox_filters_intact(void);         /* 0: only the first filter is in force */
int sandbox_filter_load(void);            /* before dlopen */
int sandbox_filter_call(void);            /* before the first call */

/* landlock.c: confines file access to the libraries and the given
 * shared objects (best effort).  Returns 1 when in force, 0 when the
 * kernel has no Landlock, -1 on error. */
int sandbox_landlock(const char *const *sos, int nsos);

#endif
