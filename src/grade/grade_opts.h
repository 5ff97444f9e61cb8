/* grade_opts — how a grading is asked for: its options and the stages it
 * reports progress on.  Shared by grade.h (the public entry points) and
 * pipeline.h (the stages inside grade/), so that neither includes the
 * other. */
#ifndef MLDRILL_GRADE_OPTS_H
#define MLDRILL_GRADE_OPTS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum grade_stage {
    STAGE_COMPILE,
    STAGE_CASES,
    STAGE_TIMING,
    STAGE_MISTAKES,
} grade_stage;

typedef struct grade_opts {
    bool have_seed;
    uint64_t seed;              /* hidden cases' seed (else a fresh one) */
    bool visible_only;          /* `run`: visible cases, no timing/mistakes */
    bool sanitize;              /* --sanitize: ASan + UBSan build */
    bool no_timing;
    bool no_shrink;             /* failed hidden cases are not shrunk
                                   (grade/shrink.h): batch, validate */
    double timing_budget_s;     /* 0: the challenge's */
    bool trusted;               /* validate: the "solution" is the challenge's
                                   own reference, compiled as one (it may
                                   #include files next to it) */
    volatile sig_atomic_t *cancel;
    void (*progress)(void *ctx, grade_stage stage, int done, int total);
    void *progress_ctx;
} grade_opts;

#endif
