/* shrink — the search (shrink.h): which values to try next, and where a
 * round's outcomes move it.  Pure: no runs, no cases, only numbers. */

#include "grade/shrink.h"

#include <stdlib.h>
#include <string.h>

bool shrink_smaller(shrink_size a, shrink_size b)
{
    return a.elems < b.elems || (a.elems == b.elems && a.vars < b.vars);
}

void shrink_search_init(shrink_search *s, const char *const *names, const long long *values,
                        int n, shrink_size size)
{
    memset(s, 0, sizeof *s);
    s->vars = xcalloc((size_t)n + 1, sizeof(shrink_var));
    s->nvars = n;
    s->size = size;
    for (int k = 0; k < n; k++) {
        s->vars[k].name = names[k];
        s->vars[k].value = s->vars[k].start = values[k];
        s->vars[k].phase = values[k] > 1 ? SP_MIN : SP_DONE;
    }
}

void shrink_search_free(shrink_search *s)
{
    free(s->passed);
    s->passed = NULL;
    s->npassed = 0;
    free(s->vars);
    s->vars = NULL;
    s->nvars = 0;
}

void shrink_cands_free(shrink_cand *c, int n)
{
    for (int i = 0; i < n; i++)
        free(c[i].values);
    free(c);
}

/* The value v tries next on its own: 1 first, then half of it, then
 * halfway down to the last value that passed; -1 when it has none. */
static long long next_value(const shrink_var *v)
{
    if (v->phase == SP_DONE || v->value <= 1)
        return -1;
    long long t = v->phase == SP_MIN     ? 1
                  : v->phase == SP_HALVE ? v->value / 2
                                         : v->passed + (v->value - v->passed) / 2;
    /* halving into what is known to pass: bisect instead */
    if (t <= v->passed)
        t = v->passed + (v->value - v->passed) / 2;
    return t > v->passed && t < v->value ? t : -1;
}

/* Whether values were tried before and did not fail the same way. */
static bool known_to_pass(const shrink_search *s, const long long *values)
{
    for (int i = 0; i < s->npassed; i++)
        if (memcmp(s->passed + (size_t)i * (size_t)s->nvars, values,
                   sizeof(long long) * (size_t)s->nvars) == 0)
            return true;
    return false;
}

/* The order of the variables' first values is kept: one that started
 * below another is raised to it if it would end above (k <= n stays so,
 * whatever the spec means by them). */
static void keep_order(const shrink_search *s, long long *v)
{
    for (int pass = 0; pass < s->nvars; pass++)    /* chains: a < b < c */
        for (int i = 0; i < s->nvars; i++)
            for (int j = 0; j < s->nvars; j++)
                if (s->vars[j].start < s->vars[i].start && v[j] > v[i])
                    v[i] = v[j];
}

/* Appends a candidate (values copied) unless it is where the search
 * stands, an equal one is there, or it is known to pass. */
static void add_cand(const shrink_search *s, shrink_cand **out, int *n, const long long *values,
                     int moves)
{
    size_t bytes = sizeof(long long) * (size_t)s->nvars;
    bool here = true;
    for (int k = 0; k < s->nvars; k++)
        here &= values[k] == s->vars[k].value;
    for (int i = 0; i < *n && !here; i++)
        here = memcmp((*out)[i].values, values, bytes) == 0;
    if (here || known_to_pass(s, values))
        return;
    *out = xrealloc(*out, sizeof(shrink_cand) * (size_t)(*n + 1));
    shrink_cand *c = &(*out)[(*n)++];
    c->values = xmalloc(bytes + sizeof(long long));
    memcpy(c->values, values, bytes);
    c->moves = moves;
}

/* A variable whose value cannot go lower, or sits just above one that
 * passed, is done. */
static void settle(shrink_var *v)
{
    if (v->passed >= v->value)
        v->passed = 0;    /* what passed was above: no longer a bound */
    if (v->value <= 1 || (v->phase != SP_MIN && v->value - v->passed <= 1))
        v->phase = SP_DONE;
}

/* v at t (the others as they are) did not fail the same way: its next
 * values lie between t and its own. */
static void passed_at(shrink_var *v, long long t)
{
    if (t > v->passed)
        v->passed = t;
    v->phase = v->phase == SP_MIN ? SP_HALVE : SP_BISECT;
    settle(v);
}

/* The first round: every variable at 1 (the smallest case there is),
 * and every variable halved. */
static int first_round(const shrink_search *s, long long *vals, shrink_cand **out)
{
    int n = 0;
    bool above = false;
    for (int k = 0; k < s->nvars; k++) {
        vals[k] = 1;
        above |= s->vars[k].value > 1;
    }
    if (above)
        add_cand(s, out, &n, vals, s->nvars == 1 ? 0 : -1);
    for (int k = 0; k < s->nvars; k++)
        vals[k] = s->vars[k].value > 1 ? s->vars[k].value / 2 : s->vars[k].value;
    if (above)
        add_cand(s, out, &n, vals, -1);
    return n;
}

/* Every variable's next value at once, when more than one moves. */
static int together(const shrink_search *s, long long *vals, shrink_cand **out)
{
    int n = 0, moving = 0;
    for (int k = 0; k < s->nvars; k++) {
        long long t = next_value(&s->vars[k]);
        moving += t > 0;
        vals[k] = t > 0 ? t : s->vars[k].value;
    }
    keep_order(s, vals);
    if (moving > 1)
        add_cand(s, out, &n, vals, -1);
    return n;
}

/* Each variable's next value alone; values already known to pass move
 * the variable on at once, and one held up by another's order waits. */
static int alone(shrink_search *s, long long *vals, shrink_cand **out)
{
    int n = 0;
    for (int k = 0; k < s->nvars; k++) {
        long long t;
        while ((t = next_value(&s->vars[k])) > 0) {
            for (int j = 0; j < s->nvars; j++)
                vals[j] = j == k ? t : s->vars[j].value;
            keep_order(s, vals);
            if (vals[k] >= s->vars[k].value)
                break;
            if (!known_to_pass(s, vals)) {
                add_cand(s, out, &n, vals, k);
                break;
            }
            passed_at(&s->vars[k], vals[k]);
        }
    }
    return n;
}

int shrink_next(shrink_search *s, shrink_cand **out)
{
    *out = NULL;
    long long *vals = xmalloc(sizeof(long long) * (size_t)(s->nvars + 1));
    int n = s->rounds == 0 ? first_round(s, vals, out) : 0;
    /* all variables at once while that works; one by one after it fails,
     * to find which one holds the others back */
    if (s->rounds > 0 && !s->split)
        n = together(s, vals, out);
    if (s->rounds > 0 && n == 0)
        n = alone(s, vals, out);
    free(vals);
    return n;
}

/* Remembers values that did not fail the same way (no smaller, either). */
static void remember_passed(shrink_search *s, const long long *values)
{
    size_t n = (size_t)s->nvars;
    s->passed = xrealloc(s->passed, sizeof(long long) * n * (size_t)(s->npassed + 1) + 1);
    memcpy(s->passed + n * (size_t)s->npassed++, values, sizeof(long long) * n);
}

int shrink_take(shrink_search *s, const shrink_cand *c, int n, const bool *fails,
                const shrink_size *size)
{
    int best = -1;
    for (int i = 0; i < n; i++)
        if (fails[i] && shrink_smaller(size[i], best >= 0 ? size[best] : s->size))
            best = i;
    for (int i = 0; i < n; i++) {
        if (fails[i] && shrink_smaller(size[i], s->size))
            continue;
        remember_passed(s, c[i].values);
        /* a variable moved alone: its next values lie between this one
         * and its own */
        if (c[i].moves < 0)
            continue;
        passed_at(&s->vars[c[i].moves], c[i].values[c[i].moves]);
    }
    /* a round of all at once that failed: one by one next */
    s->split = s->rounds > 0 && best < 0 && n == 1 && c[0].moves < 0;
    if (best >= 0) {
        for (int k = 0; k < s->nvars; k++)
            s->vars[k].value = c[best].values[k];
        s->size = size[best];
    }
    for (int k = 0; k < s->nvars; k++)
        settle(&s->vars[k]);
    s->rounds++;
    return best;
}
