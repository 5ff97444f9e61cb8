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
    /* independence: the organization cases' models used alone by the same
     * solution (pipeline_alone.c); alone_of is NULL when there are none */
    const exec_job *alone;
    int *const *alone_of;       /* [case][check]: a run of alone, or -1 */
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

/* Whether a mistake variant's runs explain the solution's failures.  The
 * failed cases (organization cases aside) where the variant differs from
 * the reference at 1e-3 are the evidence: a case is for the variant when
 * on a check the variant gets wrong the solution goes wrong the same way
 * (equal at 1e-3, following it past where it leaves the reference in the
 * loss history, or far nearer it than the reference), against it when
 * the solution is right where the variant is wrong, has NaN where it has
 * numbers or the reverse, or left an output unwritten, and says nothing
 * when both are wrong differently.  Named: no passed case the variant
 * fails, no failed case against, at least one for, and no more saying
 * nothing than for. */
bool rubric_matches_variant(const evidence *e, const report *r,
                            const exec_job *variant);

/* The same judgement, kept for comparing variants: which failed cases
 * spoke for it, and on how many of them it reproduced the solution's
 * outputs exactly (at 1e-3, NaN and inf in the same places). */
typedef struct variant_fit {
    bool matches;             /* rubric_matches_variant's answer */
    int exact;                /* failed cases reproduced exactly */
    unsigned char *for_case;  /* [case]: spoke for the variant */
} variant_fit;

void rubric_fit_variant(const evidence *e, const report *r, const exec_job *variant,
                        variant_fit *fit);
void variant_fit_clear(variant_fit *fit);

/* Of variants that match, one is left out when another explains every
 * case it does and reproduces the solution exactly on more: two mistakes
 * that fail alike (an overflow's inf and a log of 0) name the one the
 * solution made, while two that explain different cases are both named. */
void rubric_drop_dominated(variant_fit *fits, int n, int ncases);

/* Takes back a mistake a failed check named (rubric_named_mistakes) when
 * every case that named it is explained by a matching variant of another
 * mistake (ids[v] is fits[v]'s): a farthest-point pick fails the
 * all-distances-zero case's check too, and it is not the zero total that
 * went wrong there. */
void rubric_unname_explained(report *r, const evidence *e, const variant_fit *fits,
                             const char *const *ids, int n);

/* Mistakes named by checks ("mistake" key) and by faults (input writes). */
void rubric_named_mistakes(report *r, const evidence *e);

/* Total, pass/fail and verdict from the criteria.  The criteria's points
 * and maxima become whole numbers (rubric_round) that add up to the total
 * and to the points graded. */
void rubric_total(report *r, const challenge *c);

/* Largest-remainder rounding: out[k] is the floor or the ceiling of v[k]
 * (v[k] >= 0), and the out add up to the sum of v rounded; the largest
 * fractions (the first on a tie) get the ceilings.  So points per
 * criterion add up to the total shown, in the report and a batch's CSV. */
void rubric_round(const double *v, int n, double *out);

/* Whether the solution ran case i to completion and did the work there:
 * its run ended normally, every call the reference completed completed,
 * and it made everything the reference made: the outputs the reference
 * wrote, the results it returned other than 0 (a model, a count, an
 * error code), in a case where the reference made something.  An empty
 * stub (writing nothing, returning 0 or NULL) runs no case.
 * Organization and convergence count only the cases that ran; nothing
 * ran, nothing earned. */
bool rubric_ran(const evidence *e, int i);

/* Whether the solution ran some case: mistakes are named only then. */
bool rubric_any_ran(const evidence *e);

/* The comparison environment of case i in job j (its run's values, then
 * the case's): shared by the rubric_*.c files. */
cmp_env rubric_env(const evidence *e, const exec_job *j, int i);

#endif
