/* rubric — correctness and stability (rubric.h): each case's status from
 * its run and its checks against the reference's run; a criterion's
 * points are the share of its cases that pass. */

#include "grade/rubric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cstatus status_of(xstatus x)
{
    switch (x) {
    case XS_OK: return CS_PASS;
    case XS_CRASH: return CS_CRASH;
    case XS_TIMEOUT: return CS_TIMEOUT;
    case XS_MEMORY: return CS_MEMORY;
    case XS_FORBIDDEN: return CS_FORBIDDEN;
    default: return CS_ERROR;
    }
}

/* Compares check k of organization case i with the same solution's run
 * of the check's model used alone (pipeline_alone.c); false when no
 * model alone computed its output (the reference decides then). */
static bool compare_alone(const evidence *e, int i, int k, const cmp_env *got,
                          cmp_outcome *o)
{
    if (!e->alone_of || !e->alone_of[i] || e->alone_of[i][k] < 0)
        return false;
    const xrun *a = &e->alone->runs[e->alone_of[i][k]];
    const check *ck = &e->cases[i]->checks[k];
    if (a->status != XS_OK) {
        memset(o, 0, sizeof *o);
        snprintf(o->message, sizeof o->message,
                 "used alone, the model of %s did not finish either (%s)", ck->output,
                 a->message ? a->message : xstatus_name(a->status));
        return true;
    }
    cmp_env alone = {e->cases[i], a->vals, a->nvals};
    compare_check(ck, got, &alone, o);
    return true;
}

/* The index of element i of v, one number per dimension, into idx;
 * returns how many. */
static int unravel(const value *v, long long i, long long *idx)
{
    for (int k = v->ndim - 1; k >= 0; k--) {
        long long dim = v->dims[k] > 0 ? v->dims[k] : 1;
        idx[k] = i % dim;
        i /= dim;
    }
    return v->ndim;
}

/* What check ck expects of element i of got's value g (x: the
 * reference's), into d: the reference's element, a fixed value, or, for
 * the comparators that need no reference value, a description. */
static void expected_of(rdiff *d, const check *ck, const value *g, const value *x, long long i)
{
    char buf[64];
    if (ck->kind == CMP_FINITE)
        d->sexpected = xstrdup("a finite number");
    else if (ck->kind == CMP_UNTOUCHED)
        d->sexpected = xstrdup("left untouched");
    else if (ck->has_value)
        d->expected = ck->value;
    else if (ck->kind == CMP_AT_LEAST)
        d->sexpected = xasprintf("at least %s", cmp_num(x->array ? value_get(x, 0) : x->num,
                                                        buf, sizeof buf));
    else if (g->type == VT_STRING && x->array && i < x->count && x->data)
        d->sexpected = xstrdup(((char *const *)x->data)[i] ? ((char *const *)x->data)[i]
                                                            : "NULL");
    else if (g->type == VT_HANDLE)
        d->sexpected = xstrdup(x->num ? "a model" : "NULL");
    else
        d->expected = !g->array ? x->num : i < x->count ? value_get(x, i) : NAN;
    d->numbers = !d->sexpected && g->type != VT_STRING;
}

/* The first difference of failed check ck (outcome o) as data, when the
 * check names an element (or a scalar); NULL otherwise. */
static rdiff *difference(const check *ck, const cmp_env *got, const cmp_env *exp,
                         const cmp_outcome *o)
{
    const value *g = cmp_env_get(got, ck->output), *x = cmp_env_get(exp, ck->output);
    if (o->counted) {
        /* a partition's class count in its other set */
        rdiff *d = xcalloc(1, sizeof *d);
        d->output = xstrdup(ck->other);
        d->where = xasprintf("%s: the samples of class %lld", ck->other, o->index);
        d->ndim = 1;
        d->index[0] = o->index;
        d->numbers = true;
        d->expected = o->expected;
        d->actual = o->actual;
        d->nbad = o->nbad;
        return d;
    }
    if (!g || !x || (g->array && (o->index < 0 || o->index >= g->count || !g->data)))
        return NULL;
    rdiff *d = xcalloc(1, sizeof *d);
    char buf[128];
    long long i = g->array ? o->index : 0;
    d->output = xstrdup(ck->output);
    d->where = xstrdup(g->array ? value_index_text(g, i, buf, sizeof buf) : g->name);
    d->ndim = g->array ? unravel(g, i, d->index) : 0;
    d->nbad = o->nbad;
    d->total = g->array ? g->count : 1;
    d->unwritten = g->array && cmp_unwritten(g, i);
    expected_of(d, ck, g, x, i);
    if (g->type == VT_STRING)
        d->sactual = xstrdup(((char *const *)g->data)[i] ? ((char *const *)g->data)[i] : "NULL");
    else if (g->type == VT_HANDLE)
        d->sactual = xstrdup(g->num ? "a model" : "NULL");
    else if (d->numbers)
        d->actual = g->array ? value_get(g, i) : g->num;
    else
        d->sactual = xstrdup(cmp_num(g->array ? value_get(g, i) : g->num, buf, sizeof buf));
    return d;
}

/* Runs case i's checks on a run that finished: rc fails with every
 * failed check's message, joined by "; ", and the first one's first
 * difference. */
static void judge_checks(const evidence *e, int i, rcase *rc)
{
    const case_inst *ci = e->cases[i];
    cmp_env got = rubric_env(e, e->user, i), exp = rubric_env(e, e->ref, i);
    strbuf msg = {0};
    bool alone = false;    /* a failure against a model used alone */
    for (int k = 0; k < ci->nchecks; k++) {
        cmp_outcome o;
        bool vs_alone = false;
        if (ci->checks[k].kind == CMP_GRADCHECK) {
            /* measured by the grader with extra runs */
            if (!e->grad || !e->grad[i] || e->grad[i][k].ok)
                continue;
            o = e->grad[i][k];
        } else if (!(vs_alone = compare_alone(e, i, k, &got, &o))) {
            compare_check(&ci->checks[k], &got, &exp, &o);
        }
        if (o.ok)
            continue;
        alone |= vs_alone;
        if (rc->status != CS_FAIL)
            rc->diff = difference(&ci->checks[k], &got, &exp, &o);
        rc->status = CS_FAIL;
        if (msg.len)
            sb_add(&msg, "; ");
        sb_add(&msg, o.message);
    }
    if (alone)
        sb_add(&msg, " (expected: what each model gives used alone)");
    if (rc->status == CS_FAIL)
        rc->message = sb_take(&msg);
    sb_free(&msg);
}

/* Whether call k of case i's run was a release function (model.h) given
 * NULL: a handle no earlier call made, or one its call returned as NULL. */
static bool released_null(const evidence *e, int i, int k)
{
    const case_inst *ci = e->cases[i];
    const xrun *u = &e->user->runs[i];
    if (k < 0 || k >= ci->ncalls || k >= u->ncalls)
        return false;
    const function *f = &e->c->functions[ci->calls[k].fn];
    if (!function_releases(f))
        return false;
    for (int p = 0; p < f->nparams; p++) {
        const char *var = call_binding(&ci->calls[k], &f->params[p]);
        int j = k - 1;
        while (j >= 0 && !(ci->calls[j].result && strcmp(ci->calls[j].result, var) == 0))
            j--;
        if (j < 0 || u->calls[j].null_handle)
            return true;
    }
    return false;
}

/* The message of a run that did not finish: its fault, and when a release
 * given NULL crashed, what the ABI says of that. */
static char *fault_message(const evidence *e, int i)
{
    const xrun *u = &e->user->runs[i];
    const char *m = u->message ? u->message : xstatus_name(u->status);
    if (u->status != XS_CRASH || !released_null(e, i, u->fault_call))
        return xstrdup(m);
    const char *fn = e->c->functions[e->cases[i]->calls[u->fault_call].fn].name;
    return xasprintf("%s, in %s(NULL): a release function must accept NULL and do "
                     "nothing, as free() does", m, fn);
}

/* The report's line for case i. */
static void judge_case(const evidence *e, int i, rcase *rc)
{
    const case_inst *ci = e->cases[i];
    const xrun *u = &e->user->runs[i];
    rc->name = xstrdup(ci->spec->name);
    rc->crit = ci->spec->crit;
    rc->visible = ci->spec->visible;
    rc->note = xstrdup(ci->spec->note);
    rc->status = status_of(u->status);
    rc->timing_input = ci->spec->origin == CASE_TIMING;
    if (rc->timing_input && u->status == XS_TIMEOUT) {
        /* too slow to time: vectorization says so, correctness does not */
        rc->crit = CRIT_VECTORIZATION;
        rc->message = xasprintf("did not finish within %.3g s: too slow to time, not a "
                                "wrong answer", ci->spec->wall_s);
    } else if (u->status != XS_OK) {
        rc->message = fault_message(e, i);
    } else {
        judge_checks(e, i, rc);
    }
    if (rc->status == CS_PASS)
        return;
    /* what a learner needs to look at it: the inputs, the first wrong
     * element's row apart */
    long long row = -1, nrows = -1;
    const value *out = rc->diff ? cmp_env_get(&(cmp_env){ci, u->vals, u->nvals},
                                              rc->diff->output) : NULL;
    if (out && out->array && out->ndim >= 1 && rc->diff->total > 0) {
        row = rc->diff->index[0];
        nrows = value_rows(out);
    }
    report_case_inputs(rc, ci, row, nrows);
}

/* Correctness and stability: the share of their cases that pass. */
static void score_criterion(rcriterion *c, int total, int passed, bool visible_only)
{
    if (total == 0) {
        /* `run` with no visible case of this criterion: nothing to judge */
        if (visible_only)
            c->applies = false;
        c->passed = !c->applies;
        return;
    }
    c->applies = c->applies || visible_only;
    c->score = c->max * passed / total;
    c->passed = passed == total;
    c->summary = xasprintf("%d of %d case%s pass", passed, total, total == 1 ? "" : "s");
}

/* Nothing ran (rubric_ran): the cases a solution passes by doing
 * nothing, such as rejecting invalid arguments, earn nothing either. */
static void nothing_ran(report *r, const int *passed)
{
    static const criterion judged[] = {CRIT_CORRECTNESS, CRIT_STABILITY};
    for (size_t j = 0; j < sizeof judged / sizeof *judged; j++) {
        int k = judged[j];
        rcriterion *c = &r->crit[k];
        if (!c->applies || passed[k] == 0)
            continue;
        c->score = 0;
        c->passed = false;
        char *s = c->summary;
        c->summary = xasprintf("%s, but no case ran to completion: no points", s ? s : "");
        free(s);
        report_finding(c, NULL, "no case ran to completion (each crashed, timed out, or left "
                                "unwritten what the reference writes): cases passed by "
                                "doing nothing earn nothing");
    }
}

void rubric_cases(report *r, const evidence *e)
{
    int total[CRIT_COUNT] = {0}, passed[CRIT_COUNT] = {0};
    bool ran = false;
    r->cases = xcalloc((size_t)e->ncases + 1, sizeof(rcase));
    r->ncases = e->ncases;
    for (int i = 0; i < e->ncases; i++) {
        rcase *rc = &r->cases[i];
        judge_case(e, i, rc);
        ran |= rubric_ran(e, i);
        total[rc->crit]++;
        if (rc->status == CS_PASS)
            passed[rc->crit]++;
        else if (rc->crit == CRIT_CORRECTNESS || rc->crit == CRIT_STABILITY)
            report_finding(&r->crit[rc->crit], rc->name, "%s", rc->message);
    }
    score_criterion(&r->crit[CRIT_CORRECTNESS], total[CRIT_CORRECTNESS],
                    passed[CRIT_CORRECTNESS], e->visible_only);
    score_criterion(&r->crit[CRIT_STABILITY], total[CRIT_STABILITY], passed[CRIT_STABILITY],
                    e->visible_only);
    if (!ran)
        nothing_ran(r, passed);
}

/* Why the timing rounds fail the timing input (caller frees; its status
 * in *st), or NULL.  A reference that failed, or a solution too slow to
 * finish its rounds, is no wrong answer. */
static char *rounds_failure(const evidence *e, cstatus *st)
{
    const rounds_job *j = e->timing;
    if (j->ref_failed || j->status == XS_TIMEOUT)
        return NULL;
    *st = CS_FAIL;
    if (j->status != XS_OK) {
        *st = status_of(j->status);
        return xasprintf("while timing: %s", j->message ? j->message : xstatus_name(j->status));
    }
    if (j->changed_at >= 0)
        return xasprintf("round %d of the timing left other outputs than its first round "
                         "(every call must compute the same outputs from the same inputs)",
                         j->changed_round + 1);
    int t = j->ntime - 1;
    if (!e->tinput || t < 0)
        return NULL;
    cmp_env got = {e->tinput, j->user[t].vals, j->user[t].nvals};
    cmp_env exp = {e->tinput, j->ref[t].vals, j->ref[t].nvals};
    for (int k = 0; k < e->tinput->nchecks; k++) {
        cmp_outcome o;
        if (e->tinput->checks[k].kind == CMP_GRADCHECK)
            continue;
        compare_check(&e->tinput->checks[k], &got, &exp, &o);
        if (!o.ok)
            return xasprintf("in the timing rounds: %s", o.message);
    }
    return NULL;
}

void rubric_timing_rounds(report *r, const evidence *e)
{
    rcase *rc = NULL;
    for (int i = 0; i < r->ncases && !rc; i++)
        if (r->cases[i].timing_input)
            rc = &r->cases[i];
    cstatus st;
    char *msg = rc && e->timing && rc->status == CS_PASS ? rounds_failure(e, &st) : NULL;
    if (!msg)
        return;
    rc->status = st;
    rc->message = msg;
    report_finding(&r->crit[CRIT_CORRECTNESS], rc->name, "%s", msg);
    int total = 0, passed = 0;
    for (int i = 0; i < r->ncases; i++)
        if (r->cases[i].crit == CRIT_CORRECTNESS) {
            total++;
            passed += r->cases[i].status == CS_PASS;
        }
    rcriterion *c = &r->crit[CRIT_CORRECTNESS];
    free(c->summary);
    score_criterion(c, total, passed, false);
}
