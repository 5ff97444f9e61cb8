/* fixture — one set of cases for grading many trusted builds, for
 * mutation testing (`mldrill validate --mutants`): the challenge's cases
 * are instantiated once at a fixed seed, laid out once, and run once by
 * the reference; each build is then graded on them alone.  A grading here
 * is grade_solution's without timing and without naming mistakes: the
 * cases (with their gradchecks), organization and convergence.
 *
 * A fixture may be shared by processes forked after fixture_new (its
 * layout is memory files, its reference runs plain memory); each process
 * grades with its own calls. */
#ifndef MLDRILL_FIXTURE_H
#define MLDRILL_FIXTURE_H

#include <signal.h>

#include "grade/report.h"

typedef struct fixture fixture;

/* Compiles the reference, instantiates c's cases at seed and runs the
 * reference on them.  Returns NULL with err when it cannot (the runner is
 * missing, the reference fails a case, cancelled).  c must outlive the
 * fixture; free with fixture_free. */
fixture *fixture_new(const challenge *c, uint64_t seed, volatile sig_atomic_t *cancel,
                     md_err *err);

void fixture_free(fixture *f);

/* The number of cases, and case i's own wall-clock limit. */
int fixture_ncases(const fixture *f);
double fixture_case_wall(const fixture *f, int i);

typedef struct fixture_opts {
    const double *wall_s;    /* per case limits, or NULL for the cases' own */
    bool stop_at_fault;      /* the first case that crashes, times out or is
                                refused ends the runs (the rest: not run) */
    volatile sig_atomic_t *cancel;
} fixture_opts;

/* Grades the shared object so (a trusted build, e.g. compile_opts.text)
 * on the fixture's cases.  Returns the report (caller frees with
 * report_free) and, when wall is not NULL, each case's run time in
 * wall[fixture_ncases]; NULL with err when grading itself failed.  o may
 * be NULL. */
report *fixture_grade(fixture *f, const char *so, const fixture_opts *o, double *wall,
                      md_err *err);

#endif
