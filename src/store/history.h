/* history — the learner's record of submissions, in SQLite: one row per
 * `submit` with when it happened, how long it took against the time
 * limit, the points of every criterion, the help used (hints, a peek at
 * the model answer, the overtime) and whether the pass was unaided, the
 * report (JSON and text) and the source that was graded.  It also keeps
 * the clock and the help of every challenge left unfinished (pending),
 * so that starting it again resumes with the time that was left.
 *
 * The database lives in the XDG state directory (history.sqlite3) and is
 * opened in WAL mode with a busy timeout, so several REPLs may record at
 * once; every submission is one transaction, so a process killed in the
 * middle of one leaves either the whole attempt or none of it.  The
 * schema carries a version (PRAGMA user_version); a database written by a
 * newer mldrill is refused rather than misread.
 *
 * Owned by the REPL; `mldrill list` reads it. */
#ifndef MLDRILL_HISTORY_H
#define MLDRILL_HISTORY_H

#include <stdint.h>

#include "grade/report.h"
#include "store/schedule.h"

/* 1: attempts and their criteria; 2: peeked, unaided, pending */
#define HISTORY_SCHEMA_VERSION 2

typedef struct history history;

/* How a submission came about (what the report does not say). */
typedef struct attempt_meta {
    const char *mode;         /* "practice" or "mock" */
    int64_t started_at;       /* unix time the countdown started */
    double elapsed_s;         /* session time from start to submit */
    double limit_s;           /* the time limit */
    bool solution_seen;       /* the answer was shown before this submit */
    bool peeked;              /* ... before a pass or time-up (`solution --peek`) */
} attempt_meta;

/* One recorded submission.  The three long texts are filled only by
 * history_get; elsewhere they are NULL. */
typedef struct attempt {
    int64_t id;
    char *challenge;
    int n;                    /* 1, 2, ... per challenge */
    int64_t submitted_at;     /* unix time */
    int64_t started_at;
    double elapsed_s, limit_s, overtime_s;
    int hints_used;
    double score;
    bool passed, compile_error, solution_seen;
    bool peeked;              /* the answer was peeked at before it */
    bool unaided;             /* passed with no more help than help_unaided allows */
    char *verdict;
    char *mode;
    uint64_t seed;
    bool crit_applies[CRIT_COUNT];
    double crit_score[CRIT_COUNT], crit_max[CRIT_COUNT];
    bool crit_passed[CRIT_COUNT];
    char *report_json, *report_text, *source;
} attempt;

/* Per-challenge totals for `stats` and `list`. */
typedef struct challenge_stats {
    char *challenge;
    int attempts;
    double best;              /* best score */
    bool solved;              /* passed at least once */
    bool unaided;             /* passed unaided at least once */
    int64_t last_at;          /* unix time of the latest attempt */
    double best_elapsed_s;    /* fastest passing attempt (0 when none) */
} challenge_stats;

/* Opens (creating when needed) the database at path, or at
 * $XDG_STATE_HOME/mldrill/history.sqlite3 when path is NULL.  Close with
 * history_close. */
history *history_open(const char *path, md_err *err);

/* Opens an existing database read-only; NULL without an error message
 * (err->msg empty) when there is none yet, for readers like `list`. */
history *history_open_existing(const char *path, md_err *err);

void history_close(history *h);

/* The file the history lives in (borrowed). */
const char *history_path(const history *h);

/* Records one submission: the report r (its hints_used and overtime_s
 * included) of the file whose text is source.  Sets *n to the attempt's
 * number for its challenge.  A passing attempt ends the run of its
 * challenge: its pending row goes in the same transaction.  Returns 0,
 * or -1 with err. */
int history_record(history *h, const report *r, const attempt_meta *m,
                   const char *source, int *n, md_err *err);

/* The attempts of one challenge (or of all when challenge is NULL),
 * newest first, at most limit (0: all).  *out is a malloc'd array the
 * caller frees with attempts_free.  Returns the count or -1 with err. */
int history_list(history *h, const char *challenge, int limit, attempt **out,
                 md_err *err);

/* One attempt with its report and source.  Returns 0, 1 when there is no
 * such attempt, or -1 with err.  Clear with attempt_clear. */
int history_get(history *h, const char *challenge, int n, attempt *out, md_err *err);

/* Totals per challenge that has attempts, sorted by id.  Free with
 * stats_free.  Returns the count or -1 with err. */
int history_stats(history *h, challenge_stats **out, md_err *err);

/* Every attempt as the schedule sees it, by challenge then oldest first.
 * Free with outcomes_free.  Returns the count or -1 with err. */
typedef struct history_outcome {
    char *challenge;
    sched_attempt a;
} history_outcome;
int history_outcomes(history *h, history_outcome **out, md_err *err);
void outcomes_free(history_outcome *o, int n);

/* --- a challenge left unfinished -------------------------------------- */

typedef struct pending {
    int64_t started_at;       /* unix time its clock first started */
    double elapsed_s;         /* session seconds spent on it */
    double limit_s;           /* its limit; 0: no clock yet, help only */
    int hints;                /* hints shown */
    bool peeked;              /* the model answer was peeked at */
} pending;

/* The pending state of a challenge: 0 with *out, 1 when there is none,
 * -1 with err. */
int history_pending_get(history *h, const char *challenge, pending *out, md_err *err);

/* Saves (replaces) the pending state of a challenge.  0, or -1 with err. */
int history_pending_put(history *h, const char *challenge, const pending *p, md_err *err);

/* The challenges with a clock pending (limit_s > 0), sorted (a malloc'd array of
 * malloc'd strings).  Returns the count or -1 with err. */
int history_pending_ids(history *h, char ***ids, md_err *err);

void attempt_clear(attempt *a);
void attempts_free(attempt *a, int n);
void stats_free(challenge_stats *s, int n);

/* The stats entry for an id in an array from history_stats, or NULL. */
const challenge_stats *stats_find(const challenge_stats *s, int n, const char *id);

#endif
