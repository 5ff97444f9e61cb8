/* rubric — organization (rubric.h): a few checks, each worth the same:
 * (a) no writable global data, (b) inputs untouched, (e) nothing written
 * outside the outputs, (c) models used in turn stay independent (the
 * organization cases, against the same models used alone), (d) nothing
 * leaked once a model is freed (or, without models, once a function
 * returns).  Judged only when some case ran to completion (rubric_ran):
 * nothing ran, nothing earned. */

#include "grade/rubric.h"

/* Checks examined and checks passed. */
typedef struct tally {
    int items, ok;
} tally;

/* (a) no writable global or static data */
static void check_globals(rcriterion *c, const evidence *e, tally *t)
{
    t->items++;
    if (e->nglobals == 0) {
        t->ok++;
        return;
    }
    strbuf names = {0};
    for (int i = 0; i < e->nglobals && i < 6; i++)
        sb_printf(&names, "%s%s", i ? ", " : "", e->globals[i]);
    report_finding(c, NULL, "keeps writable global or static data (%s): keep state "
                            "in the model handle or on the stack",
                   sb_str(&names));
    sb_free(&names);
}

/* (b) inputs untouched and (e) nothing written outside the outputs (past
 * an output, or past a block of its own heap): the first case of each
 * fault is named */
static void check_faults(rcriterion *c, const evidence *e, tally *t)
{
    bool wrote_input = false, overflow = false;
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (u->fault == PF_WRITE_INPUT && !wrote_input) {
            wrote_input = true;
            report_finding(c, e->cases[i]->spec->name, "%s", u->message);
        }
        if ((u->fault == PF_OVERFLOW || u->fault == PF_HEAP) && !overflow) {
            overflow = true;
            report_finding(c, e->cases[i]->spec->name, "%s", u->message);
        }
    }
    t->items += 2;
    t->ok += !wrote_input + !overflow;
}

/* Whether the models of organization case i ran alone, so that its
 * run in turn can be judged against them: when there are such runs
 * (pipeline_alone.c), all of them finished; otherwise the case itself
 * ran (it is then judged against the reference). */
static bool judged_alone(const evidence *e, int i)
{
    if (!e->alone_of || !e->alone_of[i])
        return rubric_ran(e, i);
    bool any = false;
    for (int k = 0; k < e->cases[i]->nchecks; k++) {
        int a = e->alone_of[i][k];
        if (a < 0)
            continue;
        if (e->alone->runs[a].status != XS_OK)
            return false;
        any = true;
    }
    return any || rubric_ran(e, i);
}

/* (c) models used in turn stay independent: each organization case's run
 * against the same solution's models used alone (rubric_cases judged
 * them), one check when any could be judged */
static void check_independence(rcriterion *c, const report *r, const evidence *e, tally *t)
{
    int org = 0, org_ok = 0;
    for (int i = 0; i < r->ncases; i++) {
        if (r->cases[i].crit != CRIT_ORGANIZATION || !judged_alone(e, i))
            continue;
        org++;
        if (r->cases[i].status == CS_PASS)
            org_ok++;
        else
            report_finding(c, r->cases[i].name, "two models used in turn do not behave "
                                                "like two independent models: %s",
                           r->cases[i].message ? r->cases[i].message : "");
    }
    if (org) {
        t->items++;
        t->ok += org_ok == org;
    }
}

static bool has_handles(const challenge *c)
{
    for (int i = 0; i < c->nfunctions; i++)
        if (c->functions[i].ret == VT_HANDLE)
            return true;
    return false;
}

/* Whether case i's call sequence frees a model it made: a release call
 * (model.h) after a call that returned a handle other than NULL in the
 * solution's run, every call completed.  A release of NULL (a rejected
 * fit's, a release case's) frees nothing, and its figure of 0 would hide
 * a leak as the smallest one. */
static bool frees_its_model(const evidence *e, int i)
{
    const xrun *u = &e->user->runs[i];
    const case_inst *ci = e->cases[i];
    bool made = false, frees = false, complete = true;
    for (int k = 0; k < u->ncalls; k++)
        complete &= u->calls[k].state == PS_DONE;
    for (int k = 0; k < ci->ncalls && k < u->ncalls; k++) {
        const function *f = &e->c->functions[ci->calls[k].fn];
        made |= f->ret == VT_HANDLE && !u->calls[k].null_handle;
        frees |= made && function_releases(f);
    }
    return frees && complete;
}

/* Whether every call of case i's run completed. */
static bool completed(const evidence *e, int i)
{
    const xrun *u = &e->user->runs[i];
    bool complete = u->status == XS_OK;
    for (int k = 0; k < u->ncalls; k++)
        complete &= u->calls[k].state == PS_DONE;
    return complete;
}

/* Whether case i is one where the reference rejected its arguments (a
 * derived invalid case, or a written one): a rejection returns before
 * allocating, so its figure says nothing about leaks and would hide them
 * as the smallest one. */
static bool rejected(const evidence *e, int i)
{
    const case_inst *ci = e->cases[i];
    const xrun *f = &e->ref->runs[i];
    if (ci->spec->origin == CASE_INVALID)
        return true;
    for (int k = 0; k < ci->ncalls && k < f->ncalls; k++) {
        const contract *ct = &e->c->functions[ci->calls[k].fn].contract;
        const plan_res *res = &f->calls[k];
        if (!ct->rejects || res->state != PS_DONE)
            continue;
        if ((ct->reject_null && res->null_handle) ||
            (ct->reject_value_set && res->ret_i == (int64_t)ct->reject_value))
            return true;
    }
    return false;
}

/* (d) nothing leaked: bytes still allocated after a whole call sequence —
 * one that ends by freeing its model, when the challenge has models; any
 * completed one otherwise (a function frees its scratch memory before it
 * returns).  The smallest figure over the cases discounts one-time
 * allocations (stdio buffers, a library's first-call set-up); cases the
 * reference rejected are left out of it. */
static void check_leaks(rcriterion *c, const evidence *e, tally *t)
{
    bool handles = has_handles(e->c);
    long long least = -1;
    int measured = 0;
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (e->cases[i]->spec->crit == CRIT_ORGANIZATION || !completed(e, i) ||
            !rubric_ran(e, i) || rejected(e, i) || (handles && !frees_its_model(e, i)))
            continue;
        long long sum = 0;
        for (int k = 0; k < u->ncalls; k++)
            sum += u->calls[k].heap_delta;
        if (least < 0 || sum < least)
            least = sum;
        measured++;
    }
    if (!measured)
        return;
    t->items++;
    if (least <= 0)
        t->ok++;
    else if (handles)
        report_finding(c, NULL, "%lld bytes stay allocated after the model is "
                                "freed: the _free function must release "
                                "everything _fit allocated",
                       least);
    else
        report_finding(c, NULL, "%lld bytes stay allocated after your function "
                                "returns: free the scratch memory you allocate",
                       least);
}

void rubric_organization(report *r, const evidence *e)
{
    rcriterion *c = &r->crit[CRIT_ORGANIZATION];
    tally t = {0, 0};
    bool ran = rubric_any_ran(e);
    if (ran)
        check_globals(c, e, &t);
    check_faults(c, e, &t);
    if (!ran) {
        /* nothing ran, nothing earned: no globals, no leaks, no models
         * mixed up prove nothing of code that did not run */
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("nothing to judge: no case ran to completion");
        return;
    }
    check_independence(c, r, e, &t);
    check_leaks(c, e, &t);
    c->score = c->max * t.ok / t.items;
    c->passed = t.ok == t.items;
    c->summary = xasprintf("%d of %d checks", t.ok, t.items);
}
