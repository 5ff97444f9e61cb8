/* exec — runs a laid-out plan in runner processes (fork + exec of
 * mldrill-runner, one session per process), watching wall-clock limits,
 * capturing the solution's output, and restarting after a fault so that
 * one crashing case does not hide the others.  Several jobs (the
 * solution, the reference, mistake variants) run side by side.  What a
 * fault or an ending means, in words, is explain.h's job. */
#ifndef MLDRILL_EXEC_H
#define MLDRILL_EXEC_H

#include <signal.h>

#include "run/explain.h"
#include "run/layout.h"

/* Loading a solution (dlopen, its constructors) must finish within this
 * many seconds; the wall limit of a case starts after. */
#define EXEC_LOAD_LIMIT_S 5.0

/* Sanitizer builds (--sanitize) get this many times each case's wall
 * limit: AddressSanitizer and UBSan slow code down by design. */
#define EXEC_SANITIZE_SLOWDOWN 3.0

/* The outcome of one run (case) of a job. */
typedef struct xrun {
    xstatus status;
    int fault;               /* plan_fault code, 0 if none */
    int fault_call;          /* call index in the run, -1 if none/unknown */
    char *message;           /* what happened, in words (NULL when OK) */
    char *fault_buffer;      /* memory faults: the buffer's name */
    value *vals;             /* outputs and results (value_clear each) */
    int nvals;
    plan_res *calls;         /* per call of the run */
    int ncalls;
    double wall_s;
    bool out_of_time;        /* a timeout because the grading's deadline
                                passed (exec_opts.deadline), not its own */
} xrun;

typedef struct exec_job {
    const char *so;          /* the shared object to run (borrowed) */
    bool sanitize;           /* the .so was built with ASan/UBSan */
    const double *wall_s;    /* per-run wall-clock limits (borrowed), or NULL
                                for the cases' own */
    bool stop_at_fault;      /* the first run that does not end normally ends
                                the job: the runs after it stay XS_NOTRUN */
    /* results, owned by the job; exec_job_clear frees them */
    xrun *runs;              /* [layout_nruns] */
    int nruns;
    char *output;            /* captured stdout+stderr, capped */
    size_t output_total;     /* bytes written in all */
    char *error;             /* could not run at all (load error, missing fn) */
    plan_prof *prof;         /* the samples of its PR_PROFILE runs, or NULL
                                (hostile: grade/hot.h checks them) */
    int processes;           /* runner processes started */
    bool confined;           /* every one that got ready ran under Landlock */
    bool out_of_time;        /* the grading's deadline cut some of its runs */
} exec_job;

typedef struct exec_opts {
    const char *runner;              /* path of mldrill-runner */
    const char *runner_sanitize;     /* runner for sanitized builds */
    size_t output_cap;               /* output bytes kept (default 64 KiB) */
    int parallel;                    /* processes at once (default 2) */
    volatile sig_atomic_t *cancel;   /* when set, stop everything */
    double deadline;                 /* the grading's (now_seconds()), 0 for
                                        none: past it every process is
                                        killed and every run not finished
                                        is out of time (exec_out_of_time) */
    /* called as runs finish: job index, runs done so far in that job */
    void (*progress)(void *ctx, int job, int done, int total);
    void *progress_ctx;
} exec_opts;

/* Runs every job over the whole plan.  Returns 0 when all jobs ran (their
 * runs may have failed: see each xrun), -1 with err when the grader itself
 * could not (no runner, fork failed, cancelled). */
int exec_run(const layout *l, exec_job *jobs, int njobs, const exec_opts *o,
             md_err *err);

void exec_job_clear(exec_job *j);

/* Makes x a run the grading's deadline cut: a timeout, in words
 * ("not run: the grading ran out of time"; copied). */
void exec_out_of_time(xrun *x, const char *words);

/* The runner next to this executable or in the configured libexec dir.
 * Caller frees; NULL when absent. */
char *exec_find_runner(const char *name);

#endif
