/* pipeline — private to grade/: the context of one grading and its
 * stages, one file each.  grade.c sequences them (grade.h is the public
 * contract):
 *
 *   pipeline.c           the context: runner lookup, exec options, the
 *                        reference build, the cases instantiated, freeing
 *   pipeline_gradcheck.c finite-difference probes of gradient outputs
 *   pipeline_timing.c    the vectorization timing (rounds.h), retimed when
 *                        disturbed
 *   pipeline_mistakes.c  the challenge's mistake variants run on the cases
 *   pipeline_alone.c     the organization cases' models used alone
 *
 * A pipeline owns everything it points to except c and o; pipeline_free
 * releases it all (a zeroed pipeline is valid to free). */
#ifndef MLDRILL_PIPELINE_H
#define MLDRILL_PIPELINE_H

#include "grade/compare.h"
#include "grade/grade_opts.h"
#include "grade/rubric.h"
#include "run/compile.h"
#include "run/exec.h"
#include "run/genprog.h"
#include "run/rounds.h"

typedef struct pipeline {
    const challenge *c;      /* borrowed */
    const grade_opts *o;     /* borrowed */
    char *runner, *runner_asan;
    compile_result sol, ref;
    case_inst **cases;       /* the cases graded, in run order */
    int ncases;
    case_spec tspec;         /* the timing input as a case: the challenge's
                                timing base, shallow-copied (it owns none of
                                its pointers), last of the cases */
    int tcase;               /* its index in cases, or -1 */
    layout *lay;             /* their plan */
    exec_job jobs[2];        /* the solution, the reference */
    case_inst *tcases;       /* timing inputs, one per scale */
    int ntcases;
    layout *tlay;
    rounds_job tjob;
    double *sizes;           /* the grown variable at each scale */
    char **globals;          /* writable data the solution defines */
    int nglobals;
    uint64_t seed;           /* the hidden cases' seed */
    double deadline;         /* the grading's (now_seconds()), fixed as the
                                cases start; 0 before */
    cmp_outcome **grad;      /* gradcheck outcomes [case][check] */
    /* the organization cases' models used alone (pipeline_alone.c) */
    case_inst *alone_cases;  /* shallow copies of the cases, fewer calls */
    case_inst **alone_ptrs;
    call **alone_calls;      /* each alone case's calls (owned) */
    int nalone;
    layout *alone_lay;
    exec_job alone_job;      /* the solution's runs of them */
    int **alone_of;          /* [case][check]: the alone run, or -1 */
} pipeline;

/* --- pipeline.c ------------------------------------------------------------ */

/* Frees everything x owns (not x itself). */
void pipeline_free(pipeline *x);

/* Reports a stage's progress to the caller's callback, if any. */
void pipeline_progress(const grade_opts *o, grade_stage s, int done, int total);

/* Runner options for x's jobs (the grading's deadline included);
 * progress goes to STAGE_CASES. */
exec_opts pipeline_exec_options(pipeline *x);

/* Looks up mldrill-runner (and its sanitizer build when asan); -1 with
 * the message `missing` in err when the runner is not found. */
int pipeline_find_runner(pipeline *x, bool asan, const char *missing, md_err *err);

/* Compiles the reference; a reference that does not build is the
 * challenge author's problem, reported as an error. */
int pipeline_build_reference(pipeline *x, md_err *err);

/* Runs the challenge's generator programs for the inputs of cases[0..n)
 * they fill (run/genprog.h); 0 at once when there are none. */
int pipeline_generate(pipeline *x, case_inst *const *cases, int n, md_err *err);

/* Whether the solution's timing calls are sampled for its hot lines
 * (hot.h): unless MLDRILL_NO_PROFILE is set (bench/grade-time.sh
 * measures what the sampling costs). */
bool pipeline_profiling(void);

/* Instantiates the challenge's cases (the visible ones only when asked)
 * from x->seed, runs their generator programs, and lays them out in
 * x->lay.  A full grading of a timed
 * challenge also grades the timing input at its largest scale as a hidden
 * correctness case, "timing input" (x->tcase), with the timing's own seed:
 * a large case past any blocking size, whose faults are wrong answers,
 * and whose time limit is the timing's (a call that runs past it is too
 * slow to time, not wrong). */
int pipeline_instantiate(pipeline *x, bool visible_only, md_err *err);

/* The reference must run every case cleanly: its outputs are the truth.
 * A run the grading's deadline cut is not its fault: the solution's run
 * of that case is out of time too (nothing to compare it with). */
int pipeline_check_reference_runs(pipeline *x, md_err *err);

/* Whether the grading's deadline has passed. */
bool pipeline_out_of_time(const pipeline *x);

/* Why a stage did not run, or a timing was cut: the deadline passed. */
extern const char PIPELINE_OUT_OF_TIME[];

/* --- the stages -------------------------------------------------------------- */

/* pipeline_gradcheck.c: probes every gradcheck of the cases the solution
 * ran and fills x->grad (left NULL when no case has one). */
int pipeline_gradchecks(pipeline *x, md_err *err);

/* pipeline_timing.c: times the solution against the reference on the
 * timing input and points ev at the results (owned by x). */
int pipeline_timing(pipeline *x, evidence *ev, md_err *err);

/* The seed of the timing input: fixed per challenge, not the grading's,
 * so that every grading of a solution times the same process. */
uint64_t pipeline_timing_seed(const challenge *c);

/* The timing's budget (the caller's, else the challenge's), and the wall
 * limit of one timing process (and of the timing input as a case). */
double pipeline_timing_budget(const pipeline *x);
double pipeline_timing_limit(const pipeline *x);

/* pipeline_mistakes.c: runs every mistake variant that compiles on the
 * cases and names in r those whose runs explain the solution's failures. */
int pipeline_mistakes(pipeline *x, evidence *ev, report *r, md_err *err);

/* pipeline_alone.c: runs the solution (x->jobs[0].so) on each model of
 * the organization cases used alone, building those runs the first time,
 * and fills x->alone_job and x->alone_of (left NULL when no case uses two
 * models). */
int pipeline_alone(pipeline *x, md_err *err);

/* Frees what pipeline_alone built (pipeline_free calls it). */
void pipeline_alone_free(pipeline *x);

#endif
