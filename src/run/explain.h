/* explain — what happened to a run, as a status and in words.  exec
 * supervises the runner processes; when one reports a fault or ends,
 * this module names what the solution did: the buffer it overflowed, the
 * system call the sandbox refused (in plain words: "tried to open a
 * file"), the signal, the limit it ran past, or the line a sanitizer
 * report points at.  Every text it reads (fault messages, sanitizer
 * reports) comes from the solution's process and is treated as hostile:
 * read within its bounds, never trusted to be well formed.  The words
 * are part of the report's contract: tests/faults checks them. */
#ifndef MLDRILL_EXPLAIN_H
#define MLDRILL_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "run/layout.h"

/* What became of one run (or of a job's timing). */
typedef enum xstatus {
    XS_NOTRUN,
    XS_OK,
    XS_CRASH,
    XS_TIMEOUT,
    XS_MEMORY,
    XS_FORBIDDEN,
    XS_ERROR,
} xstatus;

/* "ok", "crash", ... (static). */
const char *xstatus_name(xstatus s);

/* How a runner process ended, as exec saw it. */
typedef struct explain_end {
    int wstatus;                 /* from waitpid */
    const plan_msg *fault;       /* the first fault it reported, or NULL */
    bool killed;                 /* exec killed it */
    bool timed_out;              /* ... because a deadline passed */
    bool in_run;                 /* it was inside a run (loaded, a run begun) */
    double limit_s;              /* the wall limit that was in force */
    const char *sanitizer_text;  /* a sanitizer's exit: the end of what the
                                    process printed (NUL-terminated), else NULL */
} explain_end;

/* What happened to a process that ended: returns its status, with the
 * plan_fault code (0 if none) in *fault, the words in *msg (caller frees;
 * NULL when nothing can be said) and, for a fault on a buffer, the
 * buffer's name in *bufname (caller frees; NULL otherwise).  The layout
 * names buffers and the memory limit. */
xstatus explain_ending(const layout *l, const explain_end *e, int *fault, char **msg,
                       char **bufname);

/* One line from an AddressSanitizer or UBSan report in text (the end of a
 * runner's output): what was found, where in the solution, and the
 * access; NULL when there is no report (caller frees).  *memory is set
 * for the out-of-memory kinds. */
char *explain_sanitizer(const char *text, bool *memory);

#endif
