/* rubric — see rubric.h: the total and the verdict over the criteria the
 * rubric_*.c files scored. */

#include "grade/rubric.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

cmp_env rubric_env(const evidence *e, const exec_job *j, int i)
{
    cmp_env env = {e->cases[i], j->runs[i].vals, j->runs[i].nvals};
    return env;
}

/* Whether a run made its value v: a result other than 0 (a model, not
 * NULL), an array written (an inout one other than the case ci's
 * initial contents).  A stub returns 0 and writes nothing. */
static bool made(const case_inst *ci, const value *v)
{
    if (v->role == ROLE_RESULT)
        return v->present && v->num != 0;
    if (!v->array || v->count == 0)
        return false;
    return cmp_written(v, v->role == ROLE_INOUT ? case_value(ci, v->name) : NULL);
}

/* Whether the reference made something in case i. */
static bool reference_made(const evidence *e, int i)
{
    const xrun *f = &e->ref->runs[i];
    for (int v = 0; v < f->nvals; v++)
        if (made(e->cases[i], &f->vals[v]))
            return true;
    return false;
}

bool rubric_ran(const evidence *e, int i)
{
    const xrun *u = &e->user->runs[i], *f = &e->ref->runs[i];
    if (u->status != XS_OK || f->status != XS_OK || !reference_made(e, i))
        return false;
    for (int k = 0; k < f->ncalls && k < u->ncalls; k++)
        if (f->calls[k].state == PS_DONE && u->calls[k].state != PS_DONE)
            return false;
    for (int v = 0; v < f->nvals && v < u->nvals; v++) {
        const value *fv = &f->vals[v], *uv = &u->vals[v];
        if (strcmp(fv->name, uv->name) != 0)
            continue;    /* both runs collect the case's values in its order */
        if (made(e->cases[i], fv) && !made(e->cases[i], uv))
            return false;
    }
    return true;
}

bool rubric_any_ran(const evidence *e)
{
    for (int i = 0; i < e->ncases; i++)
        if (rubric_ran(e, i))
            return true;
    return false;
}

/* The criteria that apply share 100 points by their weights (one may
 * have been dropped after the report was made: `run` leaves out a
 * criterion with no visible case). */
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

/* Whether a criterion counts in the total: it applies and was graded. */
static bool counted(const rcriterion *cr)
{
    return cr->applies && !cr->skipped;
}

/* The score needed to pass, out of the points graded. */
static double score_needed(const report *r, const challenge *c)
{
    return c->pass_score * r->max_score / 100;
}

/* Why a graded solution did not pass, one line: the required criteria
 * that failed and the score needed. */
static char *why_not(const report *r, const challenge *c)
{
    strbuf why = {0};
    for (int k = 0; k < CRIT_COUNT; k++)
        if (counted(&r->crit[k]) && (c->pass_require & (1u << k)) && !r->crit[k].passed)
            sb_printf(&why, "%s%s", why.len ? " and " : "", criterion_name((criterion)k));
    if (why.len)
        sb_add(&why, " must pass");
    double need = score_needed(r, c);
    if (round(r->score) < need) {
        sb_printf(&why, "%sa score of %.0f", why.len ? "; " : "", ceil(need));
        if (r->max_score < 100)
            sb_printf(&why, " of the %.0f points graded", r->max_score);
        sb_add(&why, " is needed");
    }
    char *s = xasprintf("Not passed: %s.", sb_str(&why));
    sb_free(&why);
    return s;
}

void rubric_round(const double *v, int n, double *out)
{
    double sum = 0, left;
    for (int k = 0; k < n; k++) {
        out[k] = floor(v[k]);
        sum += v[k];
    }
    left = round(sum);
    for (int k = 0; k < n; k++)
        left -= out[k];
    /* the remaining units to the largest fractions, each once */
    bool *up = xcalloc((size_t)n + 1, sizeof(bool));
    for (; left >= 1; left--) {
        int best = -1;
        for (int k = 0; k < n; k++)
            if (!up[k] && (best < 0 || v[k] - out[k] > v[best] - out[best]))
                best = k;
        if (best < 0)
            break;
        up[best] = true;
        out[best] += 1;
    }
    free(up);
}

/* Whole points: the maxima of the criteria that apply (sharing 100), then
 * their scores at those maxima, each rounded so that the parts add up to
 * the whole. */
static void whole_points(report *r)
{
    double max[CRIT_COUNT], score[CRIT_COUNT], imax[CRIT_COUNT], iscore[CRIT_COUNT];
    int which[CRIT_COUNT], n = 0;
    for (int k = 0; k < CRIT_COUNT; k++)
        if (r->crit[k].applies) {
            which[n] = k;
            max[n++] = r->crit[k].max;
        }
    rubric_round(max, n, imax);
    for (int j = 0; j < n; j++) {
        const rcriterion *cr = &r->crit[which[j]];
        score[j] = cr->max > 0 && !cr->skipped ? cr->score * imax[j] / cr->max : 0;
        /* full points only for a criterion that passes: 39.6 of 40 for 99
         * cases of 100 is 39, never a failed 40/40 */
        double most = cr->passed || imax[j] < 1 ? imax[j] : imax[j] - 1;
        if (score[j] > most)
            score[j] = most;
    }
    rubric_round(score, n, iscore);
    for (int j = 0; j < n; j++) {
        r->crit[which[j]].max = imax[j];
        r->crit[which[j]].score = iscore[j] < imax[j] ? iscore[j] : imax[j];
    }
}

void rubric_total(report *r, const challenge *c)
{
    rescale(r, c);
    whole_points(r);
    double score = 0, max = 0;
    bool required = true;
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (!counted(cr))
            continue;
        score += cr->score;
        max += cr->max;
        if ((c->pass_require & (1u << k)) && !cr->passed)
            required = false;
    }
    /* a criterion skipped (--no-timing) keeps its share out of the total
     * rather than handing it to the others: each criterion gets the same
     * points either way */
    r->max_score = max;
    r->score = score;
    if (r->visible_only) {
        /* `run`: every visible example must pass; no score to reach */
        r->passed = required && !r->compile_error;
        for (int i = 0; i < r->ncases; i++)
            r->passed &= r->cases[i].status == CS_PASS;
        r->verdict = r->passed ? "pass" : "not yet";
        return;
    }
    r->passed = !r->compile_error && required && max > 0 &&
                round(r->score) >= score_needed(r, c);
    free(r->why_not);    /* a re-total (grade_timing) says it afresh */
    r->why_not = NULL;
    if (!r->passed && !r->compile_error)
        r->why_not = why_not(r, c);
    bool strong = round(r->score) >= 90 * max / 100;
    r->verdict = r->passed && strong ? "strong" : r->passed ? "pass" : "not yet";
}
