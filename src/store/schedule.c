/* schedule — see schedule.h. */

#include "store/schedule.h"

#include <stdlib.h>

#include "util/util.h"

static const int interval_days[] = {3, 7, 21, 60};
#define NINTERVALS (int)(sizeof interval_days / sizeof interval_days[0])

int schedule_interval_days(int streak)
{
    if (streak < 1)
        streak = 1;
    return interval_days[streak <= NINTERVALS ? streak - 1 : NINTERVALS - 1];
}

/* Whether a[i] is the first pass of its run of the clock. */
static bool first_pass_of_run(const sched_attempt *a, int i)
{
    if (!a[i].passed)
        return false;
    for (int j = 0; j < i; j++)
        if (a[j].passed && a[j].run == a[i].run)
            return false;
    return true;
}

sched schedule_of(const sched_attempt *a, int n, int64_t now)
{
    sched s = {SCHED_NEW, 0, 0, 0, false};
    bool passed = false;
    for (int i = 0; i < n; i++) {
        if (a[i].at > s.last_at)
            s.last_at = a[i].at;
        if (!first_pass_of_run(a, i))
            continue;
        passed = true;
        if (!(a[i].unaided && a[i].strong)) {
            /* helped or weak: practise again until it is unaided */
            s.streak = 0;
            s.last_pass_helped = !a[i].unaided;
            continue;
        }
        /* a review before it was due moves nothing */
        if (s.streak > 0 && a[i].at < s.due_at)
            continue;
        s.streak++;
        s.due_at = a[i].at + (int64_t)schedule_interval_days(s.streak) * SCHEDULE_DAY_S;
    }
    if (n == 0)
        s.state = SCHED_NEW;
    else if (!passed)
        s.state = SCHED_UNSOLVED;
    else if (s.streak == 0)
        s.state = SCHED_HELPED;
    else
        s.state = now >= s.due_at ? SCHED_DUE : SCHED_LATER;
    if (s.state != SCHED_HELPED)
        s.last_pass_helped = false;
    return s;
}

int schedule_level(const sched_item *items, int n)
{
    int level = -1;
    for (int i = 0; i < n; i++) {
        sched_state st = items[i].s.state;
        if ((st == SCHED_NEW || st == SCHED_UNSOLVED) &&
            (level < 0 || items[i].difficulty < level))
            level = items[i].difficulty;
    }
    return level;
}

/* The rank groups of `next`, best first. */
enum { G_NEW_AT_LEVEL, G_NOT_YET, G_DUE, G_NEW_ABOVE, G_NONE };

static int group(const sched_item *it, int level)
{
    switch (it->s.state) {
    case SCHED_NEW:
        return it->difficulty <= level ? G_NEW_AT_LEVEL : G_NEW_ABOVE;
    case SCHED_UNSOLVED:
    case SCHED_HELPED:
        return G_NOT_YET;
    case SCHED_DUE:
        return G_DUE;
    default:
        return G_NONE;
    }
}

typedef struct ranked {
    const sched_item *it;
    int index, group;
} ranked;

/* Within a group: new ones easiest and shortest first, the ones not
 * passed yet most recent first, due ones most overdue first. */
static int by_rank(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group - b->group;
    const sched *x = &a->it->s, *y = &b->it->s;
    if (a->group == G_NOT_YET && x->last_at != y->last_at)
        return x->last_at > y->last_at ? -1 : 1;
    if (a->group == G_DUE && x->due_at != y->due_at)
        return x->due_at < y->due_at ? -1 : 1;
    if (a->it->difficulty != b->it->difficulty)
        return a->it->difficulty - b->it->difficulty;
    if (a->it->minutes != b->it->minutes)
        return a->it->minutes - b->it->minutes;
    return a->index - b->index;
}

int schedule_next(const sched_item *items, int n, int *order)
{
    int level = schedule_level(items, n);
    ranked *r = xmalloc(sizeof *r * (size_t)(n > 0 ? n : 1));
    int k = 0;
    for (int i = 0; i < n; i++) {
        int g = group(&items[i], level);
        if (g != G_NONE)
            r[k++] = (ranked){&items[i], i, g};
    }
    qsort(r, (size_t)k, sizeof *r, by_rank);
    for (int i = 0; i < k; i++)
        order[i] = r[i].index;
    free(r);
    return k;
}
