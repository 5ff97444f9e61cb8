/* validation — what `mldrill validate` finds about one challenge, as data:
 * the options it runs with, and its items (a verdict, one line, a
 * detail) with their text.  validate.h runs a validation; the CLI prints
 * its items as they come (validate_opts.item) and the closing summary.
 * A validation owns its strings and items: free them with
 * validation_clear. */
#ifndef MLDRILL_VALIDATION_H
#define MLDRILL_VALIDATION_H

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

/* Frees what v holds and zeroes it; v may be NULL. */
void validation_clear(validation *v);

/* "ok", "warn" or "FAIL". */
const char *vverdict_name(vverdict k);

/* One item as a person reads it: the verdict, the line, the detail
 * indented (caller frees).  colour adds ANSI colours. */
char *vitem_text(const vitem *it, bool colour);

/* The closing line: "kmeans: ok (12 checks, 1 warning) in 25.1 s"
 * (caller frees). */
char *validation_summary(const validation *v, bool colour);

#endif
