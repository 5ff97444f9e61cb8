/* repl_timer — see timer.h. */

#include "repl/timer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The warnings, latest last, with the session seconds left when each is
 * due. */
static const struct {
    rt_warning w;
    double left_s;
} warnings[] = {
    {RT_FIVE_MINUTES, 300},
    {RT_ONE_MINUTE, 60},
    {RT_TIME_UP, 0},
};
#define NWARNINGS (sizeof warnings / sizeof warnings[0])

void rtimer_start(rtimer *t, double now, double limit_s, double scale)
{
    rtimer_resume(t, now, limit_s, 0, scale);
}

void rtimer_resume(rtimer *t, double now, double limit_s, double elapsed_s, double scale)
{
    if (elapsed_s < 0)
        elapsed_s = 0;
    t->running = true;
    t->scale = scale > 0 ? scale : 1;
    t->start = now - elapsed_s / t->scale;
    t->limit_s = limit_s;
    t->stopped = 0;
    t->given = 0;
    /* a warning for a moment before the (re)start means nothing; time up
     * is given again only if it had already come */
    double left = limit_s - elapsed_s;
    for (size_t i = 0; i < NWARNINGS; i++)
        if ((warnings[i].left_s > 0 || elapsed_s > 0) && warnings[i].left_s >= left)
            t->given |= warnings[i].w;
}

void rtimer_stop(rtimer *t, double now)
{
    if (!t->running)
        return;
    t->stopped = rtimer_elapsed(t, now);
    t->running = false;
}

double rtimer_elapsed(const rtimer *t, double now)
{
    if (!t->running)
        return t->stopped;
    double e = (now - t->start) * t->scale;
    return e > 0 ? e : 0;
}

double rtimer_left(const rtimer *t, double now)
{
    return t->limit_s - rtimer_elapsed(t, now);
}

rt_warning rtimer_due(rtimer *t, double now)
{
    if (!t->running)
        return RT_NONE;
    double left = rtimer_left(t, now);
    rt_warning latest = RT_NONE;
    for (size_t i = 0; i < NWARNINGS; i++) {
        if ((t->given & warnings[i].w) || left > warnings[i].left_s)
            continue;
        t->given |= warnings[i].w;
        latest = warnings[i].w;
    }
    return latest;
}

double rtimer_until_next(const rtimer *t, double now)
{
    double best = 1e9;
    if (!t->running)
        return best;
    double left = rtimer_left(t, now);
    for (size_t i = 0; i < NWARNINGS; i++) {
        if (t->given & warnings[i].w)
            continue;
        double d = (left - warnings[i].left_s) / t->scale;
        if (d < best)
            best = d > 0 ? d : 0;
    }
    return best;
}

void rtimer_format(double left_s, char *buf, size_t n)
{
    bool over = left_s < 0;
    /* counting down, a part-second still left shows as a second: 0:00
     * appears only when the time is up */
    long s = over ? (long)floor(-left_s) : (long)ceil(left_s);
    if (s >= 3600)
        snprintf(buf, n, "%s%ld:%02ld:%02ld", over ? "+" : "", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%s%ld:%02ld", over ? "+" : "", s / 60, s % 60);
}

double rtimer_env_scale(void)
{
    const char *e = getenv("MLDRILL_TIME_SCALE");
    if (!e || !*e)
        return 1;
    char *end;
    double v = strtod(e, &end);
    return *end == '\0' && v > 0 && v <= 10000 ? v : 1;
}
