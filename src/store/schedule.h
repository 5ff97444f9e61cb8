/* schedule — what to practise next, as pure functions of the record (no
 * database, no clock: the caller passes the attempts and "now", so the
 * rules are tested as tables).
 *
 * A challenge is reviewed on a spaced-repetition schedule: an unaided
 * strong pass (grade/help.h) makes it due again after 3 days, the next
 * one after 7, then 21, then 60 (and 60 from then on).  Only the first
 * pass of a run of the clock counts (resubmitting after passing reviews
 * nothing), and a review passed before it was due moves nothing.  A pass
 * with help, or one that is not strong, starts the count over: the
 * challenge is practised again until it passes unaided.
 *
 * `next` ranks the challenges: those never attempted at the learner's
 * level first (the easiest level with a challenge not passed yet), then
 * those attempted but not passed unaided and strong, most recent first,
 * then those due for review, most overdue first, then new ones above the
 * level. */
#ifndef MLDRILL_SCHEDULE_H
#define MLDRILL_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#define SCHEDULE_DAY_S 86400

/* One recorded submission, as the schedule sees it. */
typedef struct sched_attempt {
    int64_t at;               /* unix time submitted */
    int64_t run;              /* when its clock started: one run, one value */
    bool passed;
    bool unaided;             /* no more help than help_unaided allows */
    bool strong;              /* the verdict was "strong" */
} sched_attempt;

typedef enum sched_state {
    SCHED_NEW,                /* never attempted */
    SCHED_UNSOLVED,           /* attempted, never passed */
    SCHED_HELPED,             /* the latest pass had help or was not strong */
    SCHED_DUE,                /* due for review now */
    SCHED_LATER,              /* due for review at due_at */
} sched_state;

typedef struct sched {
    sched_state state;
    int streak;               /* unaided strong reviews in a row */
    int64_t due_at;           /* SCHED_DUE, SCHED_LATER: when it is due */
    int64_t last_at;          /* the latest attempt (0: none) */
    bool last_pass_helped;    /* SCHED_HELPED: help, rather than the score */
} sched;

/* Days until a challenge with this streak (>= 1) is due again: 3, 7,
 * 21, 60, then 60. */
int schedule_interval_days(int streak);

/* The state of one challenge from its attempts, oldest first. */
sched schedule_of(const sched_attempt *a, int n, int64_t now);

/* A challenge as `next` ranks it. */
typedef struct sched_item {
    const char *id;           /* borrowed */
    int difficulty;           /* 0 easy, 1 medium, 2 hard (spec/types.h) */
    int minutes;
    sched s;
} sched_item;

/* The learner's level: the lowest difficulty with a challenge never
 * passed (new or unsolved), or -1 when every one has passed. */
int schedule_level(const sched_item *items, int n);

/* Writes the indices of the challenges worth practising, best first, to
 * order (room for n), and returns how many there are.  Challenges passed
 * strong and unaided and not due yet are left out. */
int schedule_next(const sched_item *items, int n, int *order);

#endif
