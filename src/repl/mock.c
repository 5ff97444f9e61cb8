/* mock — `mock [MINUTES]`: a mock interview.  Unsolved challenges
 * are picked at random to fill the time, easiest first, and run back to
 * back under one clock; each `submit` moves on to the next, `abandon`
 * skips one, and the end (or the time running out) prints a summary.
 * See session.h. */
#include "repl/mock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/challenge.h"
#include "spec/spec.h"
#include "util/rng.h"

#define DEFAULT_MINUTES 45

typedef struct mock_item {
    char *id;
    int minutes;
    difficulty diff;
    bool reached, submitted;
    double score;
    bool passed;
    char verdict[16];
    double spent_s;
    int hints, attempt_n;
} mock_item;

struct mock {
    mock_item *items;
    int n, cur;
    double budget_s;
};

static void mock_free(mock *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n; i++)
        free(m->items[i].id);
    free(m->items);
    free(m);
}

static int by_level(const void *a, const void *b)
{
    const mock_item *x = a, *y = b;
    if (x->diff != y->diff)
        return (int)x->diff - (int)y->diff;
    return x->minutes - y->minutes;
}

/* The candidates: every challenge not solved yet (all of them when every
 * one is solved), with its time limit and difficulty. */
static int candidates(session *s, mock_item **out, bool *all_solved)
{
    char **ids;
    int n = catalog_ids(s->cat, &ids);
    challenge_stats *st = NULL;
    int nst = 0;
    md_err err;
    if (s->hist && (nst = history_stats(s->hist, &st, &err)) < 0)
        nst = 0;
    mock_item *items = xcalloc((size_t)n + 1, sizeof *items);
    int k = 0, unsolved = 0;
    for (int pass = 0; pass < 2 && k == 0; pass++) {
        for (int i = 0; i < n; i++) {
            const challenge_stats *cs = stats_find(st, nst, ids[i]);
            if (pass == 0 && cs && cs->solved)
                continue;
            char *path = catalog_find(s->cat, ids[i], &err);
            challenge *c = path ? challenge_load(path, &err) : NULL;
            free(path);
            if (!c)
                continue;
            items[k].id = xstrdup(c->id);
            items[k].minutes = c->minutes;
            items[k].diff = c->diff;
            k++;
            spec_free(c);
        }
        if (pass == 0)
            unsolved = k;
    }
    *all_solved = unsolved == 0;
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    stats_free(st, nst);
    *out = items;
    return k;
}

/* Picks challenges at random while their time limits fit the budget;
 * the shortest one when none fits. */
static mock *plan(session *s, double minutes, bool *all_solved)
{
    mock_item *c;
    int n = candidates(s, &c, all_solved);
    if (n == 0) {
        free(c);
        return NULL;
    }
    rng r;
    rng_seed(&r, rng_os_seed());
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rng_below(&r, i + 1);
        mock_item t = c[i];
        c[i] = c[j];
        c[j] = t;
    }
    mock *m = xcalloc(1, sizeof *m);
    m->items = xcalloc((size_t)n, sizeof *m->items);
    m->budget_s = minutes * 60;
    double left = minutes;
    int shortest = 0;
    for (int i = 0; i < n; i++) {
        if (c[i].minutes < c[shortest].minutes)
            shortest = i;
        if (c[i].minutes <= left) {
            left -= c[i].minutes;
            m->items[m->n++] = c[i];
            c[i].id = NULL;
        }
    }
    if (m->n == 0) {
        m->items[m->n++] = c[shortest];
        c[shortest].id = NULL;
    }
    for (int i = 0; i < n; i++)
        free(c[i].id);
    free(c);
    qsort(m->items, (size_t)m->n, sizeof *m->items, by_level);
    return m;
}

/* Starts the mock's current challenge, skipping any that fails to load.
 * Returns false when none is left. */
static bool begin_current(session *s)
{
    mock *m = s->mock;
    for (; m->cur < m->n; m->cur++) {
        challenge *c = session_load(s, m->items[m->cur].id);
        if (!c)
            continue;
        m->items[m->cur].reached = true;
        printf("\n━━ Challenge %d of %d ━━\n", m->cur + 1, m->n);
        bool first = m->cur == 0 || !s->timer.running;
        if (session_begin(s, c, first ? m->budget_s : 0) != 0)
            continue;
        return true;
    }
    return false;
}

int repl_mock(session *s, int argc, char **argv)
{
    if (argc > 2) {
        printf("usage: mock [MINUTES]   (default %d)\n", DEFAULT_MINUTES);
        return 1;
    }
    if (s->mock) {
        printf("A mock interview is already running.\n");
        return 1;
    }
    if (s->c && !s->submitted) {
        printf("%s is in progress: `submit` it or `abandon` it first.\n", s->c->id);
        return 1;
    }
    double minutes = DEFAULT_MINUTES;
    if (argc == 2) {
        char *end;
        minutes = strtod(argv[1], &end);
        if (*end || !(minutes > 0 && minutes <= 600)) {
            printf("MINUTES must be a number of minutes in (0, 600], got \"%s\".\n", argv[1]);
            return 1;
        }
    }
    bool all_solved;
    mock *m = plan(s, minutes, &all_solved);
    if (!m) {
        printf("There are no challenges to pick from.\n");
        return 1;
    }
    if (s->c)
        session_end(s, true);
    char t[32];
    format_duration(m->budget_s, t, sizeof t);
    printf("Mock interview: %d challenge%s in %s, one clock, easiest first%s.\n", m->n,
           m->n == 1 ? "" : "s", t,
           all_solved ? " (you have solved them all: practising again)" : "");
    for (int i = 0; i < m->n; i++)
        printf("  %d. %-18s %-6s %3d min\n", i + 1, m->items[i].id,
               difficulty_name(m->items[i].diff), m->items[i].minutes);
    printf("`submit` moves on to the next one, `abandon` skips it, `quit` ends the "
           "interview.\n");
    s->mock = m;
    s->timer.running = false;
    if (!begin_current(s))
        mock_finish(s);
    return 0;
}

bool mock_position(const session *s, char *buf, size_t n)
{
    if (!s->mock)
        return false;
    snprintf(buf, n, "%d/%d", s->mock->cur + 1, s->mock->n);
    return true;
}

void mock_advance(session *s, const report *r, int attempt_n, bool skipped)
{
    mock *m = s->mock;
    mock_item *it = &m->items[m->cur];
    it->spent_s = session_elapsed(s);
    it->hints = s->hints;
    if (!skipped && r) {
        it->submitted = true;
        it->score = r->score;
        it->passed = r->passed;
        snprintf(it->verdict, sizeof it->verdict, "%s", r->verdict);
        it->attempt_n = attempt_n;
    }
    m->cur++;
    if (m->cur < m->n && rtimer_left(&s->timer, now_seconds()) > 0 && begin_current(s))
        return;
    mock_finish(s);
}

void mock_finish(session *s)
{
    mock *m = s->mock;
    if (!m)
        return;
    if (s->c && m->cur < m->n) {
        /* quit in the middle of a challenge: it counts as reached */
        m->items[m->cur].spent_s = session_elapsed(s);
        m->items[m->cur].hints = s->hints;
    }
    double used = rtimer_elapsed(&s->timer, now_seconds());
    char plan_s[32], used_s[32];
    format_duration(m->budget_s, plan_s, sizeof plan_s);
    format_duration(used, used_s, sizeof used_s);
    printf("\nMock interview summary — %s planned, %s used", plan_s, used_s);
    if (used > m->budget_s) {
        char over[32];
        format_duration(used - m->budget_s, over, sizeof over);
        printf(" (over by %s)", over);
    }
    printf("\n");
    int solved = 0;
    double sum = 0;
    for (int i = 0; i < m->n; i++) {
        const mock_item *it = &m->items[i];
        char spent[32] = "", score[16] = "-";
        const char *what = it->submitted ? it->verdict : it->reached ? "skipped" : "not reached";
        if (it->reached)
            format_duration(it->spent_s, spent, sizeof spent);
        if (it->submitted)
            snprintf(score, sizeof score, "%.0f", round(it->score));
        printf("  %d. %-18s %-6s %3d m  %4s  %-11s %6s", i + 1, it->id,
               difficulty_name(it->diff), it->minutes, score, what, spent);
        if (it->reached)
            printf("  %d hint%s", it->hints, it->hints == 1 ? "" : "s");
        printf("\n");
        solved += it->passed;
        sum += it->submitted ? it->score : 0;
    }
    printf("Solved %d of %d; mean score %.0f (a challenge not submitted counts as 0).\n",
           solved, m->n, m->n ? sum / m->n : 0.0);
    printf("`history` has the attempts; `solution ID` shows the model answer of one you "
           "passed;\n`next` suggests what to practise.\n");
    session_end(s, true);
    mock_free(m);
    s->mock = NULL;
}
