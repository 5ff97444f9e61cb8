/* genprog — runs a challenge's generator programs (spec "generators"),
 * which fill the inputs case_instantiate left pending (cases.h).
 *
 * A generator program is C code of the challenge author's, so it is
 * treated like a solution: compiled like the reference (a trusted build:
 * the same flags and cache), then run in mldrill-runner under the same
 * sandbox (seccomp, rlimits, guard pages, the case's wall-clock limit).
 * The programs' runs form one plan: a run per pending input, each one
 * call of the program with the seed, the input's rows and columns and
 * its own parameters, writing a rows x cols output buffer.  All of a
 * grading's pending inputs are filled by one runner process.
 *
 * What a program writes is read back through the runner's border
 * (layout_collect) and trusted for nothing beyond its shape, which the
 * buffer fixes, and its finiteness, which case_fill_pending checks (an
 * element it did not write stays NaN): a program that crashes, loops,
 * is refused a system call or writes NaN is an error of the challenge,
 * named with the case and the input.  Once the programs have run, the
 * built-in generators that derive from their inputs run (deferred by
 * case_instantiate). */
#ifndef MLDRILL_GENPROG_H
#define MLDRILL_GENPROG_H

#include <signal.h>

#include "spec/cases.h"

typedef struct genprog_opts {
    const char *runner;               /* mldrill-runner; NULL: looked up */
    volatile sig_atomic_t *cancel;    /* when set, stop */
} genprog_opts;

/* Fills every pending input of cases[0..n) (their challenge is c) by
 * running its generator programs, and empties each case's pending list.
 * Returns 0 at once when nothing is pending; -1 with err when the
 * programs do not compile or one does not run cleanly or writes a number
 * that is not finite. */
int genprog_fill(const challenge *c, case_inst *const *cases, int n, const genprog_opts *o,
                 md_err *err);

/* The number of inputs of cases[0..n) still pending. */
int genprog_pending(case_inst *const *cases, int n);

#endif
