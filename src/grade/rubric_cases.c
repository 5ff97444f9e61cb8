/* rubric — correctness and stability (rubric.h): each case's status from
 * its run and its checks against the reference's run; a criterion's
 * points are the share of its cases that pass. */

#include "grade/rubric.h"

#include <stdlib.h>

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

/* Runs case i's checks on a run that finished: rc fails with every
 * failed check's message, joined by "; ". */
static void judge_checks(const evidence *e, int i, rcase *rc)
{
    const case_inst *ci = e->cases[i];
    cmp_env got = rubric_env(e, e->user, i), exp = rubric_env(e, e->ref, i);
    strbuf msg = {0};
    for (int k = 0; k < ci->nchecks; k++) {
        cmp_outcome o;
        if (ci->checks[k].kind == CMP_GRADCHECK) {
            /* measured by the grader with extra runs */
            if (!e->grad || !e->grad[i] || e->grad[i][k].ok)
                continue;
            o = e->grad[i][k];
        } else {
            compare_check(&ci->checks[k], &got, &exp, &o);
        }
        if (o.ok)
            continue;
        rc->status = CS_FAIL;
        if (msg.len)
            sb_add(&msg, "; ");
        sb_add(&msg, o.message);
    }
    if (rc->status == CS_FAIL)
        rc->message = sb_take(&msg);
    sb_free(&msg);
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
        rc->message = xstrdup(u->message ? u->message : xstatus_name(u->status));
    } else {
        judge_checks(e, i, rc);
    }
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

void rubric_cases(report *r, const evidence *e)
{
    int total[CRIT_COUNT] = {0}, passed[CRIT_COUNT] = {0};
    r->cases = xcalloc((size_t)e->ncases + 1, sizeof(rcase));
    r->ncases = e->ncases;
    for (int i = 0; i < e->ncases; i++) {
        rcase *rc = &r->cases[i];
        judge_case(e, i, rc);
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
