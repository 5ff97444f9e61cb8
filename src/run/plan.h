/* plan — the wire format between the grader and the runner process.
 *
 * The grader writes a plan into two memory files (memfd):
 *   IN   header, tables and every input array.  Sealed against writes
 *        before the runner starts, and mapped read-only by it.
 *   OUT  per-call results and every output/inout array, mapped
 *        read-write.  One OUT per runner process; all runners of a
 *        grading share the same IN.
 * Each array sits in its own page-aligned region with its data pushed
 * against the region's end; the runner maps each region between two
 * PROT_NONE guard pages, so a write one element past an output faults and
 * the fault address names the buffer.
 *
 * A plan holds runs (one per case); a run is a call sequence whose
 * arguments are constants, buffers or handle slots.  Everything is fixed
 * size and little-endian; offsets are from the start of the file.
 *
 * A timing runner (--time) loads one shared object, the solution or the
 * reference, and runs rounds when told: the grader writes a plan_cmd on
 * its descriptor 6, lets it go, and reads the CPU time the round took
 * from outside once the runner has answered PM_ROUND and been stopped. */
#ifndef MLDRILL_PLAN_H
#define MLDRILL_PLAN_H

#include <stdint.h>

#define PLAN_MAGIC 0x4c495244u    /* "DRIL" */
#define PLAN_VERSION 3
#define PLAN_NONE UINT32_MAX
#define PLAN_PAGE 4096u
#define PLAN_MAX_SAMPLES 256

/* Kinds of arguments and return values. */
enum plan_kind {
    PK_VOID = 0,
    PK_INT,        /* int, by value */
    PK_DOUBLE,     /* double, by value */
    PK_STRING,     /* const char *, from a one-element string buffer */
    PK_HANDLE,     /* opaque pointer kept in a slot of the runner */
    PK_BUF,        /* pointer to a buffer */
};

/* Element types of buffers. */
enum plan_elem { PE_INT = 1, PE_DOUBLE, PE_STRING };

enum plan_file { PF_IN = 0, PF_OUT = 1 };

enum plan_bufflag {
    PB_OUTPUT = 1 << 0,     /* the solution may write it */
    PB_INOUT = 1 << 1,      /* restored from pristine before timing rounds */
};

typedef struct plan_hdr {
    uint32_t magic, version;
    uint32_t nfn, nbuf, nrun, ncall, narg, ntime;   /* ntime: timing runs */
    uint64_t fn_off, buf_off, run_off, call_off, arg_off;
    uint64_t str_off, str_len;      /* string table in IN */
    uint64_t in_size, out_size;
    uint64_t res_off;               /* OUT: plan_res[ncall] */
    uint64_t prof_off;              /* OUT: plan_prof, 0 when no run is profiled */
    uint64_t memory_bytes;          /* RLIMIT_AS for the runner */
    uint64_t timing_seed;           /* the grader's: order of rounds */
    double timing_budget_s;         /* the grader's: time spent in rounds */
    double min_round_s;             /* the grader's: shortest reference round */
} plan_hdr;

typedef struct plan_fn {
    uint32_t name;                  /* string table offset */
    uint32_t ret;                   /* plan_kind */
} plan_fn;

typedef struct plan_buf {
    uint32_t name;                  /* string table: "P" */
    uint32_t elem;                  /* plan_elem */
    uint32_t file;                  /* plan_file */
    uint32_t flags;                 /* plan_bufflag */
    uint64_t off;                   /* region start in its file (page aligned) */
    uint64_t len;                   /* region length (page multiple) */
    uint64_t nbytes;                /* data bytes, at the end of the region */
    uint64_t count;                 /* elements (strings: count of strings) */
    /* string arrays: the data is `count` NUL-terminated strings packed in
     * order; outputs of strings have no data: their pointers start as
     * PLAN_POISON_STRING, and the runner copies what the solution returns
     * into [sout_off, sout_off + sout_cap) of OUT as a uint64 byte count,
     * then per element a uint32 length (PLAN_STRING_NULL for NULL,
     * PLAN_STRING_UNWRITTEN for a pointer still poisoned) and the bytes */
    uint64_t sout_off, sout_cap;
} plan_buf;

typedef struct plan_arg {
    uint32_t kind;                  /* plan_kind */
    uint32_t ref;                   /* PK_BUF/PK_STRING: buffer; PK_HANDLE: slot
                                       (PLAN_NONE: NULL) */
    int64_t i;                      /* PK_INT; PK_HANDLE: PLAN_HANDLE_RELEASE or 0 */
    double d;                       /* PK_DOUBLE */
} plan_arg;

/* A handle argument of a release function (x_free): passed even when NULL,
 * since a release must accept NULL.  Any other call whose handle is NULL
 * (its model was never made) is skipped: PS_SKIPPED. */
#define PLAN_HANDLE_RELEASE 1

typedef struct plan_call {
    uint32_t fn;
    uint32_t first_arg, nargs;
    uint32_t ret_slot;              /* handle returns: slot, else PLAN_NONE */
} plan_call;

typedef struct plan_run {
    uint32_t name;                  /* string table: case name */
    uint32_t first_call, ncalls;
    uint32_t first_buf, nbuf;       /* the buffers this run uses */
    uint32_t nslots;                /* handle slots used by the run */
    uint32_t flags;                 /* plan_runflag */
    double wall_s;                  /* the grader's limit, for information */
} plan_run;

enum plan_runflag {
    PR_PROFILE = 1 << 0,            /* sample the program counter in its calls */
};

/* The profile a runner leaves in OUT (at hdr.prof_off) when it runs a
 * PR_PROFILE run: the program counter every PLAN_PROF_US microseconds of
 * CPU time (ITIMER_PROF, so in practice at each scheduler tick) while a
 * call runs, where the shared object was loaded, and the executable
 * ranges of every object in the process, so that the grader can tell the
 * solution's lines from time spent inside CBLAS or libm.  Samples add up
 * across the processes of a job. */
#define PLAN_PROF_PCS 16384
#define PLAN_PROF_LIBS 24
#define PLAN_PROF_US 1000

typedef struct plan_lib {
    uint64_t lo, hi;                /* executable addresses [lo, hi) */
    char name[48];                  /* the file's name, NUL-terminated */
} plan_lib;

typedef struct plan_prof {
    uint64_t base;                  /* the shared object's load address */
    uint32_t npcs, nlibs;
    plan_lib libs[PLAN_PROF_LIBS];
    uint64_t pcs[PLAN_PROF_PCS];
} plan_prof;

/* Per-call result, written by the runner into OUT. */
enum plan_state { PS_NOTRUN = 0, PS_STARTED, PS_DONE, PS_SKIPPED };

typedef struct plan_res {
    uint32_t state;                 /* plan_state */
    uint32_t null_handle;           /* handle return was NULL */
    int64_t ret_i;
    double ret_d;
    uint64_t cpu_ns;                /* CPU time of the call */
    int64_t heap_delta;             /* bytes still allocated after the call */
    uint64_t alloc_failed;          /* an allocation of this size failed during
                                       the call (0: none): written at once, so
                                       a call that then spins till it is
                                       killed is known to have run out */
} plan_res;

/* A timing runner's command, grader -> runner on descriptor 6: run `run`'s
 * call sequence `reps` times (0: only answer), then send PM_ROUND. */
typedef struct plan_cmd {
    uint32_t run;
    uint32_t reps;
} plan_cmd;

/* Messages on the status pipe, runner -> grader, one write each. */
enum plan_msg_type {
    PM_READY = 1,      /* loaded and sandboxed; a = first run, b = 1 when
                          Landlock confines its file access */
    PM_BEGIN,          /* run a started */
    PM_END,            /* run a finished */
    PM_FAULT,          /* the solution faulted: code = plan_fault, text */
    PM_ERROR,          /* the runner could not start: text */
    PM_ROUND,          /* a timing round finished: a = run, b = reps */
};

enum plan_fault {
    PF_CRASH = 1,      /* a signal: segfault, abort, ... */
    PF_MEMORY,         /* out of memory */
    PF_FORBIDDEN,      /* a system call the sandbox refuses */
    PF_TIMEOUT,        /* CPU limit */
    PF_WRITE_INPUT,    /* wrote into an input buffer */
    PF_OVERFLOW,       /* accessed past an output buffer */
    PF_MISSING,        /* a declared function is not defined */
    PF_STALE_INPUT,    /* read an input the current call was not given
                          (a pointer kept from an earlier call): a =
                          buffer, b = offset */
    PF_HEAP,           /* wrote outside a block of memory it allocated
                          itself (runner/redzone.c): a = the block's
                          size, b = bytes from its end to the farthest
                          one changed past it (> 0), or minus the bytes
                          from the nearest one changed before it to its
                          start (< 0); text "ALLOCATOR WHEN": malloc,
                          calloc, ...; free, realloc, return or abort */
};
#define PF_LAST PF_HEAP

/* The canaries around a block the solution allocates: this many bytes
 * before it and after it. */
#define PLAN_HEAP_FRONT 16
#define PLAN_HEAP_BACK 16

typedef struct plan_msg {
    uint32_t type;
    uint32_t code;
    uint32_t run;
    uint32_t call;
    int64_t a, b;
    char text[232];
} plan_msg;                         /* 256 bytes: atomic on a pipe */

/* Outputs start filled with these, so an element the solution never
 * writes is caught, and reported as "not written": a NaN with a payload
 * arithmetic never produces, and an unlikely int. */
#define PLAN_POISON_DOUBLE_BITS 0x7ff4d1d1d1d1d1d1ULL
/* The bytes before an output's data (its region's slack: the data is
 * pushed against the region's end) hold this canary; a byte changed there
 * is a write before the start of the output (issue 12). */
#define PLAN_CANARY 0xcb
#define PLAN_POISON_INT ((int)0xAAAAAAAA)
/* A string output's pointers start as this address (canonical, in the
 * kernel's half: reading through it faults at that address), so that an
 * element the solution never writes is told from a NULL it writes. */
#define PLAN_POISON_STRING 0xffffd1d1d1d1d1d0ULL
/* The lengths of a string output's area that are not lengths. */
#define PLAN_STRING_NULL UINT32_MAX
#define PLAN_STRING_UNWRITTEN (UINT32_MAX - 1)

/* Round a byte count up to whole pages. */
static inline uint64_t plan_pages(uint64_t n)
{
    return (n + PLAN_PAGE - 1) / PLAN_PAGE * PLAN_PAGE;
}

#endif
