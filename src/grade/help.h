/* help — what a learner leaned on for a submission in the practice
 * session: hints, a peek at the model answer before passing, time past
 * the limit.  The rule of an honest record lives here, once: a pass is
 * unaided when it is within time, with no peek and at most
 * HELP_FREE_HINTS hints, and only an unaided pass can be "strong".  The
 * report's verdict line, the history and `stats` all use it. */
#ifndef MLDRILL_HELP_H
#define MLDRILL_HELP_H

#include <stdbool.h>

#include "grade/report.h"

/* Hints a strong pass may have used: one nudge is part of an interview. */
#define HELP_FREE_HINTS 1

typedef struct help_used {
    int hints;                /* hints shown */
    bool peeked;              /* the model answer was shown before a pass */
    double overtime_s;        /* > 0: submitted this long after the limit */
} help_used;

/* True when h is no more help than an unaided pass may have. */
bool help_unaided(const help_used *h);

/* The verdict once help is counted: "strong" becomes "pass" when the
 * help was more than unaided; any other verdict is returned as it is.
 * Returns a string literal or verdict itself. */
const char *help_verdict(const char *verdict, const help_used *h);

/* Puts the help into a graded report: its hints_used, overtime_s and
 * peeked, and the verdict counting the help (verdict_unaided keeps the
 * one it replaced, when it changed). */
void help_apply(report *r, const help_used *h);

/* The help a report says was used. */
help_used help_of(const report *r);

/* The help in words, "3 hints, a peek at the answer, overtime +2:10", or
 * "" when there was none (caller frees). */
char *help_describe(const help_used *h);

#endif
