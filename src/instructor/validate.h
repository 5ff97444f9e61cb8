/* validate — checks a challenge the way Kattis' verifyproblem checks a
 * problem package, for `mldrill validate`:
 *   - the spec loads (every error with file:line:col and its JSON path);
 *   - the reference compiles, and the generators give every case and the
 *     timing input the declared shapes, finite unless asked otherwise;
 *   - the reference runs every case, its outputs are finite on the
 *     stability cases, and graded as a solution it passes every criterion
 *     (so it is deterministic, agrees with its own checks, and times at
 *     about 1x against itself);
 *   - every mistake variant compiles and differs from the reference;
 *   - every example solution gets the outcome its first line declares;
 *   - the vectorization curve separates the declared slow example from
 *     the accepted ones.
 * Results are data (a list of items); only the CLI prints them. */
#ifndef MLDRILL_VALIDATE_H
#define MLDRILL_VALIDATE_H

#include <signal.h>

#include "util/util.h"

typedef enum vverdict {
    V_OK,
    V_WARN,      /* worth fixing, but the challenge works */
    V_FAIL,      /* the challenge is broken */
} vverdict;

typedef struct vitem {
    vverdict verdict;
    char *what;          /* one line */
    char *detail;        /* further lines (a compiler's output, a report), or NULL */
} vitem;

typedef struct validation {
    char *target;        /* the spec path */
    char *id;            /* NULL when the spec does not load */
    uint64_t seed;       /* hidden cases' seed of the reference checks */
    vitem *items;
    int nitems;
    int failures, warnings;
    double seconds;
} validation;

typedef struct validate_opts {
    int jobs;                 /* example solutions graded at once (default 2) */
    bool have_seed;
    uint64_t seed;            /* default: a fresh seed (printed) */
    double timing_budget_s;   /* 0: the challenge's */
    bool no_examples;         /* skip grading the example solutions */
    volatile sig_atomic_t *cancel;
    /* called with each item as soon as it is known (for live output) */
    void (*item)(void *ctx, const validation *v, const vitem *it);
    void *item_ctx;
} validate_opts;

/* Validates the spec at path into v (zero it first; free with
 * validation_clear).  Returns 0 when validation ran to the end (the
 * verdict is v->failures), -1 with err when it could not (the runner is
 * missing, cancelled). */
int validate_spec(const char *path, const validate_opts *o, validation *v, md_err *err);

void validation_clear(validation *v);

/* "ok", "warn" or "FAIL". */
const char *vverdict_name(vverdict k);

/* One item as a person reads it: the verdict, the line, the detail
 * indented (caller frees).  colour adds ANSI colours. */
char *vitem_text(const vitem *it, bool colour);

/* The closing line: "kmeans: ok (12 checks, 1 warning) in 25.1 s". */
char *validation_summary(const validation *v, bool colour);

#endif
