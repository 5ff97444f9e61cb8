/* repl_timer — the countdown of a practice session, as plain arithmetic on
 * a monotonic clock the caller reads (so it can be tested without
 * waiting).  It says how much time is left, formats it for the prompt,
 * and tells which warning is due: 5 minutes left, 1 minute left, time
 * up.  A warning whose moment had already passed when the clock started
 * (a 3-minute challenge has no "5 minutes left") is never given, and when
 * several fall due at once only the latest is.
 *
 * `scale` speeds the clock up (session seconds per real second): 1 for
 * real sessions, larger in tests and demos ($MLDRILL_TIME_SCALE). */
#ifndef MLDRILL_REPL_TIMER_H
#define MLDRILL_REPL_TIMER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum rt_warning {
    RT_NONE = 0,
    RT_FIVE_MINUTES = 1 << 0,
    RT_ONE_MINUTE = 1 << 1,
    RT_TIME_UP = 1 << 2,
} rt_warning;

typedef struct rtimer {
    bool running;
    double start;         /* real clock at start */
    double limit_s;       /* session seconds allowed */
    double scale;         /* session seconds per real second */
    double stopped;       /* session seconds when stopped (not running) */
    unsigned given;       /* rt_warning bits already given */
} rtimer;

/* Starts the clock at real time now with a limit in session seconds. */
void rtimer_start(rtimer *t, double now, double limit_s, double scale);

/* Starts it again at real time now as if elapsed_s session seconds had
 * already gone by (a challenge picked up again): the warnings for the
 * moments already past are not given. */
void rtimer_resume(rtimer *t, double now, double limit_s, double elapsed_s, double scale);

/* Stops the clock (the elapsed time is kept). */
void rtimer_stop(rtimer *t, double now);

/* Session seconds since the start, and left before the limit (negative
 * once over). */
double rtimer_elapsed(const rtimer *t, double now);
double rtimer_left(const rtimer *t, double now);

/* The warning due at now, marked as given (RT_NONE when none is due). */
rt_warning rtimer_due(rtimer *t, double now);

/* Real seconds until the next warning falls due, or a large number. */
double rtimer_until_next(const rtimer *t, double now);

/* "12:41" for time left, "+1:05" once over, "1:02:03" past an hour. */
void rtimer_format(double left_s, char *buf, size_t n);

/* The clock scale from $MLDRILL_TIME_SCALE (1 when unset or invalid). */
double rtimer_env_scale(void);

#endif
