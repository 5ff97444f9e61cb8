/* rubric — scores the evidence of a grading on the five criteria and
 * explains every lost point: correctness and stability from the cases'
 * checks, organization from global data, input writes, overflows, leaks
 * and independent handles, convergence from the loss history, and
 * vectorization from timing ratios.  Pure functions of the evidence.
 *
 * One file per criterion: rubric_cases.c (correctness, stability),
 * rubric_organization.c, rubric_convergence.c, rubric_vectorization.c,
 * rubric_mistakes.c (the mistakes a failure shows), and rubric.c (the
 * total, the verdict). */
#ifndef MLDRILL_RUBRIC_H
#define MLDRILL_RUBRIC_H

#include "grade/compare.h"
#include "grade/report.h"
#include "run/exec.h"
#include "run/rounds.h"

typedef struct evidence {
    const challenge *c;
    case_inst **cases;          /* the cases run, in run order */
    int ncases;
    const exec_job *user, *ref; /* their runs, one per case */
    char **globals;             /* writable data the solution defines */
    int nglobals;
    bool visible_only;
    /* vectorization */
    const rounds_job *timing;   /* NULL when not timed */
    const char *not_timed;      /* why not, when timing is NULL */
    const case_inst *tinput;    /* the timing input at its largest scale: the
                                 * case of the last timed rounds' outputs */
    const double *sizes;        /* the grown variable at each scale */
    int nsizes;
    double ref_slowdown;        /* the reference's time over its best on this
                                 * machine (baseline.h); 0 when unknown */
    bool retimed;               /* timed twice: the first run was disturbed */
    /* gradcheck outcomes, [case][check]; NULL entries were not checked */
    cmp_outcome **grad;
} evidence;

/* A reference this much slower than its best on the machine (baseline.h)
 * marks the timing as taken on a busy machine: the points then come from
 * the ratio against that best, never from the slowed reference. */
#define RUBRIC_BUSY 1.12

/* Case statuses, correctness and stability (and organization cases).
 * The timing input as a case (pipeline.h) that runs past its limit is
 * too slow to time, not wrong: it counts for no criterion here, and
 * vectorization says so. */
void rubric_cases(report *r, const evidence *e);

/* After the timing rounds: a fault in them, a round that left other
 * outputs than its first, or last outputs the checks find wrong against
 * the reference's, fail the timing input's case (correctness is scored
 * again); the speed of a wrong answer is not scored. */
void rubric_timing_rounds(report *r, const evidence *e);
void rubric_organization(report *r, const evidence *e);
void rubric_convergence(report *r, const evidence *e);
void rubric_vectorization(report *r, const evidence *e);

/* Whether a mistake variant's runs explain the solution's failures:
 * on every failed case (at least one) the solution's outputs match the
 * variant's under the case's checks. */
bool rubric_matches_variant(const evidence *e, const report *r,
                            const exec_job *variant);

/* Mistakes named by checks ("mistake" key) and by faults (input writes). */
void rubric_named_mistakes(report *r, const evidence *e);

/* Total, pass/fail and verdict from the criteria. */
void rubric_total(report *r, const challenge *c);

/* The comparison environment of case i in job j (its run's values, then
 * the case's): shared by the rubric_*.c files. */
cmp_env rubric_env(const evidence *e, const exec_job *j, int i);

#endif
