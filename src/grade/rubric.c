/* rubric — see rubric.h: the total and the verdict over the criteria the
 * rubric_*.c files scored. */

#include "grade/rubric.h"

#include <math.h>
#include <stdlib.h>

cmp_env rubric_env(const evidence *e, const exec_job *j, int i)
{
    cmp_env env = {e->cases[i], j->runs[i].vals, j->runs[i].nvals};
    return env;
}

/* The criteria that apply share 100 points by their weights (one may
 * have been dropped after the report was made, e.g. --no-timing). */
static void rescale(report *r, const challenge *c)
{
    double wsum = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        if (r->crit[k].applies)
            wsum += c->weights[k];
    for (int k = 0; k < CRIT_COUNT; k++) {
        rcriterion *cr = &r->crit[k];
        if (!cr->applies || wsum <= 0)
            continue;
        double max = c->weights[k] * 100 / wsum;
        cr->score = cr->max > 0 ? cr->score * max / cr->max : 0;
        cr->max = max;
    }
}

/* Why a graded solution did not pass, one line: the required criteria
 * that failed and the score needed. */
static char *why_not(const report *r, const challenge *c)
{
    strbuf why = {0};
    for (int k = 0; k < CRIT_COUNT; k++)
        if (r->crit[k].applies && (c->pass_require & (1u << k)) && !r->crit[k].passed)
            sb_printf(&why, "%s%s", why.len ? " and " : "", criterion_name((criterion)k));
    if (why.len)
        sb_add(&why, " must pass");
    if (round(r->score) < c->pass_score)
        sb_printf(&why, "%sa score of %.0f is needed", why.len ? "; " : "", c->pass_score);
    char *s = xasprintf("Not passed: %s.", sb_str(&why));
    sb_free(&why);
    return s;
}

void rubric_total(report *r, const challenge *c)
{
    rescale(r, c);
    double score = 0, max = 0;
    bool required = true;
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (!cr->applies)
            continue;
        score += cr->score;
        max += cr->max;
        if ((c->pass_require & (1u << k)) && !cr->passed)
            required = false;
    }
    r->score = max > 0 ? 100 * score / max : 0;
    if (r->visible_only) {
        /* `run`: every visible example must pass; no score to reach */
        r->passed = required && !r->compile_error;
        for (int i = 0; i < r->ncases; i++)
            r->passed &= r->cases[i].status == CS_PASS;
        r->verdict = r->passed ? "pass" : "not yet";
        return;
    }
    r->passed = !r->compile_error && required && round(r->score) >= c->pass_score;
    free(r->why_not);    /* a re-total (grade_timing) says it afresh */
    r->why_not = NULL;
    if (!r->passed && !r->compile_error)
        r->why_not = why_not(r, c);
    r->verdict = r->passed && round(r->score) >= 90 ? "strong" : r->passed ? "pass" : "not yet";
}
