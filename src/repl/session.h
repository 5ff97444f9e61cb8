/* session — the state of an interactive session, and what every command
 * module does with it: load and begin a challenge, grade its file, end it,
 * tell the time.  The commands live in their own modules, each built on
 * this one and none on another:
 *
 *   repl.c    the loop: prompt, idle warnings, completion, dispatch, help
 *   cmds.c    start, edit, run, submit, hint, time, solution, report,
 *             reset, abandon
 *   info.c    list, history, stats
 *   next.c    next (and the schedule `stats` shows)
 *   watch.c   watch
 *   mock.c    mock
 *
 * A command takes the words of its line (argv[0] is its name), prints
 * what the learner sees on stdout, and returns 0 when it did what was
 * asked, 1 when it refused or failed (the message printed says why). */
#ifndef MLDRILL_SESSION_H
#define MLDRILL_SESSION_H

#include <signal.h>
#include <stdint.h>

#include "spec/catalog.h"
#include "store/history.h"
#include "repl/line.h"
#include "repl/timer.h"
#include "grade/help.h"
#include "grade/report.h"

typedef struct mock mock;

typedef struct session {
    /* set up once */
    catalog *cat;
    const char *prog;
    char *workspace;          /* absolute directory of the solution files */
    history *hist;            /* NULL when it could not be opened */
    const char *history_db;   /* its path (NULL: the XDG state directory's) */
    rline *line;
    bool colour;              /* colour on stdout */
    bool progress;            /* a progress line on stderr (a tty) */
    double scale;             /* clock speed ($MLDRILL_TIME_SCALE) */
    volatile sig_atomic_t *interrupted;    /* set by SIGINT */

    /* the challenge in progress (c is NULL when none) */
    challenge *c;
    char *file;               /* its solution file */
    rtimer timer;             /* the countdown (one clock for a mock) */
    int64_t started_wall;     /* unix time its clock first started (kept
                                 when it is picked up again) */
    double started_real;      /* monotonic time it started, moved back by
                                 the time spent before a resume */
    int hints;                /* hints shown (carried over a resume) */
    bool submitted;           /* submitted at least once */
    bool solved;              /* passed: the clock has stopped (not in a mock) */
    bool solution_seen;       /* the model answer was shown */
    bool peeked;              /* ... before a pass or time-up (--peek) */
    double saved_real;        /* monotonic time the clock was last kept */
    report *last;             /* the last report, run or submit */
    bool cancelled;           /* the last grading was cancelled (Ctrl-C) */
    mock *mock;               /* a mock interview in progress, or NULL */
    bool quit;
} session;

/* Loads a challenge by id, printing the error (with "did you mean" for a
 * mistyped id); NULL when it fails. */
challenge *session_load(session *s, const char *id);

/* Makes c (owned from now on) the challenge in progress: starter file,
 * statement.  When limit_s > 0 the clock starts over with that limit,
 * or, outside a mock, goes on from where the challenge was left
 * unfinished (the history's pending state: time spent, hints, peek);
 * otherwise it keeps running (the next challenge of a mock).  Returns 0,
 * or 1 after printing why not (c is then freed). */
int session_begin(session *s, challenge *c, double limit_s);

/* Ends the challenge in progress (the file stays), keeping its clock and
 * help in the history unless it was solved; stops the clock unless a
 * mock goes on. */
void session_end(session *s, bool stop_clock);

/* Keeps the clock and the help of the challenge in progress in the
 * history, so that quitting and starting it again resumes it (nothing
 * in a mock, or once solved).  Prints why when it cannot. */
void session_keep(session *s);

/* Keeps it when the last time was more than half a minute ago: called
 * while the learner is idle, so a REPL that is killed loses little. */
void session_tick(session *s);

/* The help used so far on the challenge in progress (overtime as of
 * now). */
help_used session_help(const session *s);

/* Grades the solution file (a snapshot of it, so the source recorded is
 * the one graded) with a progress line; NULL after printing why (an
 * error, or "cancelled" on Ctrl-C).  *source gets the graded text
 * (caller frees) when source is not NULL. */
report *session_grade(session *s, bool visible_only, char **source);

/* Removes the grading copies left by REPLs that were killed. */
void session_clean_snapshots(void);

/* Session seconds spent on the challenge in progress. */
double session_elapsed(const session *s);

/* The timer warning due now (5 minutes, 1 minute, time up) as the text
 * to show, or NULL (caller frees). */
char *session_warning_text(session *s);

/* Prints the warning that fell due, if any (after long commands). */
void session_warnings(session *s);

/* A path as the learner would type it: relative to the current directory
 * when it is inside it.  Points into path. */
const char *session_shown_path(const char *path);

/* "12:41"-style duration of session seconds (never negative). */
void format_duration(double s, char *buf, size_t n);

#endif
