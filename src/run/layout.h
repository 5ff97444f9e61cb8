/* layout — builds a runner plan (plan.h) from instantiated cases: writes
 * the IN memory file (tables and inputs, then sealed) and makes OUT memory
 * files holding zeroed outputs and the initial contents of inout arrays.
 * After a runner has run, layout_collect() copies a run's outputs and
 * results back into values the grader owns. */
#ifndef MLDRILL_LAYOUT_H
#define MLDRILL_LAYOUT_H

#include "spec/cases.h"
#include "run/plan.h"

typedef struct layout layout;

typedef struct layout_opts {
    uint64_t memory_bytes;      /* the solution's address-space allowance */
    double timing_budget_s;     /* timing plans: total time of the rounds */
    double min_round_s;         /* timing plans: shortest round */
    uint64_t timing_seed;       /* order of rounds */
    const double *timing_share; /* per case share of the budget, or NULL */
    bool timing;                /* every case is a timing job */
    const bool *profile;        /* per case: sample its calls (plan_prof), or
                                   NULL for none */
} layout_opts;

/* Lays out the cases (borrowed: they must outlive the layout).  Returns
 * NULL with err on a system error (memfd, mmap), or when an input still
 * waits for its generator program (genprog.h runs them first). */
layout *layout_build(case_inst *const *cases, int ncases,
                     const layout_opts *o, md_err *err);

void layout_free(layout *l);

/* The sealed IN file descriptor (owned by the layout). */
int layout_in_fd(const layout *l);

/* A new OUT file for one runner process; the caller closes it. */
int layout_new_out(const layout *l, md_err *err);

int layout_nruns(const layout *l);
const plan_hdr *layout_hdr(const layout *l);

/* The results of run r as written into out_fd: one value per output,
 * inout and result of the case (copied; caller frees with value_clear),
 * in vals and nvals; each call's plan_res in res[maxres] (may be NULL).
 * Returns -1 on a system error. */
int layout_collect(const layout *l, int out_fd, int r, value **vals, int *nvals,
                   plan_res *res, int maxres, md_err *err);

/* Whether run r wrote before the start of one of its outputs, into the
 * slack of its region (filled with PLAN_CANARY): 1 with the output's
 * name (borrowed) and how many bytes before its start the write reached,
 * 0 when none did, -1 on a system error. */
int layout_before_start(const layout *l, int out_fd, int r, const char **name,
                        long long *nbytes, md_err *err);

/* The profile the runner left in out_fd (plan.h), copied into *p; 0 when
 * the plan profiles no run, -1 on a system error.  Hostile: the grader
 * checks every address before it uses one (grade/hot.h). */
int layout_profile(const layout *l, int out_fd, plan_prof *p, md_err *err);

/* Timing plans: run t's share of the timing budget. */
double layout_timing_share(const layout *l, int t);

/* A region of OUT that a run writes: an output or inout array's data
 * (elem bytes per element), or a string output's area (strings: a uint64
 * byte count, then the strings as plan.h says). */
typedef struct layout_region {
    uint64_t off, nbytes;
    uint32_t elem;
    bool strings;
} layout_region;

/* The regions of OUT run r writes, in *regs (caller frees); their count. */
int layout_out_regions(const layout *l, int r, layout_region **regs);

/* The largest allocation any call of run r reported failing (plan_res
 * alloc_failed) in out_fd, or 0: read even after the runner was killed. */
uint64_t layout_alloc_failed(const layout *l, int out_fd, int r);

/* The index of run r's first call in the plan's call table. */
int layout_run_first_call(const layout *l, int r);

/* The case run r was built from. */
const case_inst *layout_case(const layout *l, int r);

/* The name of buffer b ("P") and the value it holds, for fault reports;
 * *run gets the run it belongs to. */
const value *layout_buffer_value(const layout *l, int b, int *run);

#endif
