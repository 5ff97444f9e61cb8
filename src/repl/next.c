/* next — see next.h. */

#include "repl/next.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spec/challenge.h"
#include "spec/spec.h"

#define SHOWN 5    /* suggestions `next` lists */

/* The attempts of one challenge in outcomes (sorted by challenge),
 * oldest first, as the schedule takes them. */
static int attempts_of(const history_outcome *o, int no, const char *id, sched_attempt **out)
{
    int n = 0;
    *out = xmalloc(sizeof **out * (size_t)(no > 0 ? no : 1));
    for (int i = 0; i < no; i++)
        if (strcmp(o[i].challenge, id) == 0)
            (*out)[n++] = o[i].a;
    return n;
}

/* Fills an item's difficulty and time limit from its spec; false when it
 * does not load. */
static bool load_level(const catalog *cat, sched_item *it)
{
    md_err err;
    char *path = catalog_find(cat, it->id, &err);
    challenge *c = path ? challenge_load(path, &err) : NULL;
    free(path);
    if (!c)
        return false;
    it->difficulty = (int)c->diff;
    it->minutes = c->minutes;
    spec_free(c);
    return true;
}

int review_items(const catalog *cat, history *h, bool specs, int64_t now, sched_item **out)
{
    char **ids;
    int n = catalog_ids(cat, &ids);
    history_outcome *o = NULL;
    md_err err;
    int no = h ? history_outcomes(h, &o, &err) : 0;
    if (no < 0)
        no = 0;    /* an unreadable history: everything looks new */
    sched_item *items = xcalloc((size_t)n + 1, sizeof *items);
    int k = 0;
    for (int i = 0; i < n; i++) {
        sched_item it = {ids[i], 0, 0, {0}};
        if (specs && !load_level(cat, &it)) {
            free(ids[i]);
            continue;
        }
        sched_attempt *a;
        int na = attempts_of(o, no, ids[i], &a);
        it.s = schedule_of(a, na, now);
        free(a);
        items[k++] = it;
    }
    free(ids);
    outcomes_free(o, no);
    *out = items;
    return k;
}

void review_free(sched_item *items, int n)
{
    for (int i = 0; i < n; i++)
        free((char *)items[i].id);
    free(items);
}

/* "in 5 days", "in 3 hours", "in 20 minutes" until t. */
static void time_until(int64_t t, int64_t now, char *buf, size_t n)
{
    int64_t d = t - now;
    if (d >= SCHEDULE_DAY_S)
        snprintf(buf, n, "in %lld day%s", (long long)(d / SCHEDULE_DAY_S),
                 d / SCHEDULE_DAY_S == 1 ? "" : "s");
    else if (d >= 3600)
        snprintf(buf, n, "in %lld hour%s", (long long)(d / 3600), d / 3600 == 1 ? "" : "s");
    else
        snprintf(buf, n, "in %lld min", (long long)(d / 60 + 1));
}

void review_cell(const sched *s, int64_t now, char *buf, size_t n)
{
    switch (s->state) {
    case SCHED_DUE:
        snprintf(buf, n, "due");
        break;
    case SCHED_LATER:
        time_until(s->due_at, now, buf, n);
        break;
    case SCHED_HELPED:
        snprintf(buf, n, s->last_pass_helped ? "again unaided" : "again strong");
        break;
    default:
        buf[0] = '\0';
    }
}

/* Why a challenge is suggested, in words. */
static void reason(const sched_item *it, int level, char *buf, size_t n)
{
    const sched *s = &it->s;
    switch (s->state) {
    case SCHED_NEW:
        snprintf(buf, n, it->difficulty <= level ? "new, at your level" : "new, a step up");
        break;
    case SCHED_UNSOLVED:
        snprintf(buf, n, "not passed yet");
        break;
    case SCHED_HELPED:
        snprintf(buf, n, s->last_pass_helped ? "passed only with help: now unaided"
                                             : "passed, not strong yet");
        break;
    case SCHED_DUE:
        snprintf(buf, n, "due for review (%d unaided strong pass%s in a row)", s->streak,
                 s->streak == 1 ? "" : "es");
        break;
    default:
        buf[0] = '\0';
    }
}

static bool is_pending(char **ids, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

/* The challenge passed strong whose review comes first, or -1. */
static int soonest_review(const sched_item *items, int n)
{
    int best = -1;
    for (int i = 0; i < n; i++)
        if (items[i].s.state == SCHED_LATER &&
            (best < 0 || items[i].s.due_at < items[best].s.due_at))
            best = i;
    return best;
}

int repl_next(session *s, int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        printf("usage: next\n");
        return 1;
    }
    int64_t now = (int64_t)time(NULL);
    sched_item *items;
    int n = review_items(s->cat, s->hist, true, now, &items);
    int *order = xmalloc(sizeof *order * (size_t)(n + 1));
    int k = schedule_next(items, n, order);
    int level = schedule_level(items, n);
    char **pend = NULL;
    md_err err;
    int np = s->hist ? history_pending_ids(s->hist, &pend, &err) : 0;
    if (k == 0) {
        int soon = soonest_review(items, n);
        char when[32] = "";
        if (soon >= 0)
            time_until(items[soon].s.due_at, now, when, sizeof when);
        printf("Nothing to practise right now: every challenge is passed strong and none is "
               "due.\n");
        if (soon >= 0)
            printf("The next review is %s, %s.\n", items[soon].id, when);
    } else {
        printf("What to practise next%s%s%s:\n", level >= 0 ? " (your level: " : "",
               level >= 0 ? difficulty_name((difficulty)level) : "", level >= 0 ? ")" : "");
        for (int i = 0; i < k && i < SHOWN; i++) {
            const sched_item *it = &items[order[i]];
            char why[96];
            reason(it, level, why, sizeof why);
            printf("  %-18s %-6s %3d min  %s%s\n", it->id,
                   difficulty_name((difficulty)it->difficulty), it->minutes, why,
                   is_pending(pend, np, it->id) ? " (unfinished: its clock waits)" : "");
        }
        printf("`start %s` begins the first.\n", items[order[0]].id);
    }
    for (int i = 0; i < np; i++)
        free(pend[i]);
    free(pend);
    free(order);
    review_free(items, n);
    return 0;
}
