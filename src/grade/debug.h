/* debug — `mldrill debug` (issue 13.3): one case of a challenge taken
 * home as a small C program the learner builds against their own file
 * and runs outside mldrill, with printf or gdb.
 *
 * debug_write grades the file (without timing) to find the case: the
 * one asked for, else the first that fails, else the first; a failed
 * hidden case that shrank (shrink.h) is written at its smaller sizes.  It
 * runs the reference on that case for the expected values and writes, in
 * a directory:
 *
 *   main.c         the case's variables and inputs as C arrays, its calls
 *                  in order (handles, strings, one call's outputs feeding
 *                  the next), the reference's outputs, and one check per
 *                  check of the case, with mldrill's tolerances and words;
 *                  it exits 1 when a check fails;
 *   check.h        those comparisons (debug_check.h.in, as it is);
 *   prototypes.h   the challenge's prototypes, force-included as when
 *                  grading;
 *   Makefile       `make` builds main.c and the learner's file with the
 *                  flags of grading plus -g -O0 and runs the program;
 *                  `make gdb`, `make clean`.
 *
 * The program is the case's own: inputs, sizes and expected values are
 * written out, so it needs nothing of mldrill. */
#ifndef MLDRILL_DEBUG_H
#define MLDRILL_DEBUG_H

#include <signal.h>

#include "run/exec.h"

typedef struct debug_opts {
    const char *case_name;   /* the case by name, or NULL */
    int case_number;         /* or by its number from 1 (0: neither) */
    bool have_seed;
    uint64_t seed;           /* the hidden cases' seed (else a fresh one) */
    const char *dir;         /* where to write (created; NULL: debug-<id>) */
    volatile sig_atomic_t *cancel;
} debug_opts;

/* What debug_write wrote, and about which case (strings owned; clear with
 * debug_result_clear). */
typedef struct debug_result {
    bool compile_error;      /* the file does not compile: nothing written */
    char *compiler_output;
    char *dir;               /* the directory written */
    char *case_name;
    int case_number;         /* from 1 */
    bool visible;
    bool failed;             /* the file fails the case when graded */
    char *message;           /* how, or NULL */
    char *shrunk;            /* "n = 2, d = 1" when written smaller, or NULL */
    uint64_t seed;
} debug_result;

/* Writes the program for one case of c run on solution (see above).
 * Returns -1 with err when it cannot: an unknown case, the reference or
 * the runner failing, a file that cannot be written. */
int debug_write(const challenge *c, const char *solution, const debug_opts *o,
                debug_result *res, md_err *err);

void debug_result_clear(debug_result *r);

/* What was written, for a person: the directory, the case, whether the
 * file fails it and how, and the make commands (caller frees). */
char *debug_summary(const debug_result *res, const char *id);

/* The index of the case o asks for (by name or number), -1 when it asks
 * for none, -2 with err ("did you mean") when c has no such case. */
int debug_case_index(const challenge *c, const debug_opts *o, md_err *err);

/* --- the files (debug_c.c) ------------------------------------------------------ */

/* main.c for case ci, the reference's run ref of it giving the expected
 * values; about is its first comment's text.  Caller frees. */
char *debug_program(const challenge *c, const case_inst *ci, const xrun *ref,
                    const char *about);

/* The Makefile building main.c with solution (an absolute path). */
char *debug_makefile(const char *solution, const char *about);

/* check.h, as it is (src/grade/debug_check.h.in, made a string by
 * src/embed.sh at build time). */
extern const char debug_check_text[];

#endif
