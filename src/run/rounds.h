/* rounds — the vectorization timing, measured where the solution cannot
 * touch it.
 *
 * The solution and the reference each run in a timing runner of their
 * own (the reference's never loads the solution), and the grader drives
 * both round by round, in an order drawn from the plan's timing seed.  A
 * round is one command (plan_cmd): the runner runs a call sequence reps
 * times and answers PM_ROUND.  The grader then stops it (SIGSTOP) and
 * reads its process CPU clock from outside (clock_getcpuclockid): read
 * while the process is stopped, that clock is exact to a few
 * microseconds (read while it runs, it only moves at scheduler ticks),
 * and it counts everything the process did since it was let go, forged
 * messages or not.  A process is stopped whenever it is not in one of its
 * own rounds, so the solution cannot run anything while the reference's
 * rounds run.  The CPU time of an empty round, measured on the
 * reference, is taken off every round.
 *
 * The solution's rounds are one sequence each, and each must leave the
 * outputs of its first: before a round the grader spoils elements drawn
 * at random in every output (and the calls' results), and checks them
 * after it.  A runner the solution has taken over can still only make its
 * own rounds slower, or fail them.  The last round's outputs of both
 * sides are kept for the grader to compare under the challenge's checks.
 * What remains forgeable is in docs/security.md. */
#ifndef MLDRILL_ROUNDS_H
#define MLDRILL_ROUNDS_H

#include "run/exec.h"

/* The paired measurements of one timing run (one scale). */
typedef struct rounds_samples {
    int nsamples;
    uint32_t reps;                     /* the reference's sequences per round */
    int warmed;                        /* 1: the reference's warm-up done, 2: both */
    double ref_warm, user_warm;        /* seconds of the warm-up sequences */
    double user_s[PLAN_MAX_SAMPLES];   /* seconds per sequence, per round */
    double ref_s[PLAN_MAX_SAMPLES];
    uint8_t user_first[PLAN_MAX_SAMPLES];
} rounds_samples;

typedef struct rounds_job {
    const char *so;            /* the solution (borrowed) */
    const char *ref_so;        /* the reference (borrowed) */
    /* results, owned by the job; rounds_job_clear frees them */
    rounds_samples *samples;   /* [ntime] */
    xstatus status;            /* XS_OK when every round of the solution ran */
    char *message;             /* what stopped them, in words */
    int fault;                 /* plan_fault, 0 if none */
    char *fault_buffer;        /* a memory fault's buffer */
    int stopped_at;            /* the timing run it stopped in, or -1 */
    int changed_at;            /* a run whose round left other outputs than
                                  its first round, or -1 */
    int changed_round;         /* ... which round */
    bool ref_failed;           /* the reference's runner failed (status and
                                  message say how): not the solution's doing */
    xrun *user, *ref;          /* [ntime]: each side's outputs of its last
                                  round of each run (vals, calls) */
    int ntime;
    double overhead_s;         /* CPU seconds of an empty round */
    plan_prof *prof;           /* the samples of the solution's rounds, or NULL
                                  (hostile: grade/hot.h checks them) */
    char *output;              /* what the solution printed, capped */
    size_t output_total;
    bool confined;             /* both ran under Landlock */
} rounds_job;

/* Times j->so against j->ref_so over the timing runs of l (a layout built
 * with layout_opts.timing).  Returns 0 when the grader could run the
 * rounds (what became of them is in j), -1 with err when it could not
 * (no runner, fork failed, cancelled).  Uses o's runner, output cap and
 * cancel flag. */
int rounds_run(const layout *l, rounds_job *j, const exec_opts *o, md_err *err);

void rounds_job_clear(rounds_job *j);

#endif
