/* expect — the outcome an example solution declares on its first line,
 *   / * expect: status=graded passed=no stability=fail mistake=no_max_shift * /
 * (without the spaces inside the comment markers), and the check of a
 * report against it.  Used by the test suite and `mldrill validate`.
 * Keys: status=graded|compile_error, passed=yes|no, score=N (the total
 * shown), one per criterion =pass|fail, mistake=ID (repeatable; none:
 * no mistake may be named), case=STATUS (some case has it). */
#ifndef MLDRILL_EXPECT_H
#define MLDRILL_EXPECT_H

#include "grade/report.h"

typedef struct expectation {
    int compile_error;       /* -1 any, 0 graded, 1 compile_error */
    int passed;              /* -1 any, 0, 1 */
    int score;               /* -1 any, else the total */
    int crit[CRIT_COUNT];    /* -1 any, 0 fail, 1 pass */
    char **mistakes;
    int nmistakes;
    bool no_mistakes;        /* mistake=none: nothing may be named */
    cstatus *cases;          /* statuses some case must have */
    int ncases;
    char *text;              /* the declaration as written */
} expectation;

/* Reads the declaration from the first line of path.  Returns -1 with err
 * ("file:1: unknown key \"x\"") when it is missing or malformed. */
int expect_parse(const char *path, expectation *e, md_err *err);

/* Parses a declaration's text (what follows "expect:"). */
int expect_parse_text(const char *text, expectation *e, md_err *err);

/* Compares a report with the declaration; returns the number of
 * differences and describes each on its own line in why. */
int expect_verify(const expectation *e, const report *r, strbuf *why);

void expect_free(expectation *e);

#endif
