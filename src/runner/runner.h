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
