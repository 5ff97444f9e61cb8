/* rubric — convergence (rubric.h): the loss history a training function
 * writes, on every correctness case the solution ran (rubric_ran),
 * against four checks worth a quarter each: finite, non-increasing (for
 * a descent method), ending where the reference ends, stopping when it
 * should.  Each check loses its points once, on the first case that
 * fails it; the training cases the solution did not run earn nothing. */

#include "grade/rubric.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The four checks' outcomes over the cases examined so far. */
typedef struct conv_state {
    bool bad_finite, bad_mono, bad_final, bad_stop;
    int eligible;           /* training cases the reference completed */
    int examined;           /* those the solution ran too (rubric_ran) */
    long long best_len;     /* the longest reference history, for the plot */
} conv_state;

/* One case's loss histories. */
typedef struct history {
    const char *name;       /* the case's */
    const double *L, *F;    /* the solution's and the reference's losses */
    long long nu, nf;       /* how many each wrote */
    long long max_iter;
    const value *tol;       /* the stopping tolerance, or NULL */
    bool model_right;       /* the case's other outputs (not the loss) pass */
} history;

static long long eval_count(const expr *x, const cmp_env *env, long long max)
{
    long long n;
    md_err err;
    if (expr_eval_int(x, cmp_env_lookup, (void *)env, -1000000000LL, 1000000000LL, &n, &err) != 0)
        return -1;
    return n > max ? max + 1 : n;
}

/* What a case tells about convergence. */
typedef enum conv_case {
    CONV_NONE,              /* nothing: not a training case */
    CONV_NOT_RUN,           /* a training case the solution did not run */
    CONV_EXAMINED,          /* both histories read into h */
} conv_case;

/* Whether case i's checks of outputs other than the loss pass: where the
 * model itself is wrong, a final loss unlike the reference's is that same
 * mistake (correctness's), not a second one. */
static bool others_pass(const evidence *e, int i, const char *loss)
{
    const case_inst *ci = e->cases[i];
    cmp_env ue = rubric_env(e, e->user, i), fe = rubric_env(e, e->ref, i);
    for (int k = 0; k < ci->nchecks; k++) {
        const check *ck = &ci->checks[k];
        if (ck->kind == CMP_GRADCHECK || strcmp(ck->output, loss) == 0)
            continue;
        cmp_outcome o;
        compare_check(ck, &ue, &fe, &o);
        if (!o.ok)
            return false;
    }
    return true;
}

/* Reads case i's histories into h. */
static conv_case read_history(const evidence *e, int i, history *h)
{
    const conv_spec *cv = &e->c->conv;
    const case_inst *ci = e->cases[i];
    if (ci->spec->crit != CRIT_CORRECTNESS || e->ref->runs[i].status != XS_OK)
        return CONV_NONE;
    /* the timing input too slow to finish is vectorization's to judge */
    if (ci->spec->origin == CASE_TIMING && e->user->runs[i].status == XS_TIMEOUT)
        return CONV_NONE;
    cmp_env ue = rubric_env(e, e->user, i), fe = rubric_env(e, e->ref, i);
    const value *lf = cmp_env_get(&fe, cv->loss), *mi = cmp_env_get(&fe, cv->max_iter);
    if (!lf || !lf->array || !mi)
        return CONV_NONE;
    h->nf = eval_count(cv->count, &fe, lf->count);
    if (h->nf < 1)
        return CONV_NONE;
    const value *lu = cmp_env_get(&ue, cv->loss);
    if (!rubric_ran(e, i) || !lu || !lu->array)
        return CONV_NOT_RUN;
    h->name = ci->spec->name;
    h->max_iter = (long long)mi->num;
    h->nu = eval_count(cv->count, &ue, lu->count);
    h->L = lu->data;
    h->F = lf->data;
    h->tol = cv->tol ? cmp_env_get(&ue, cv->tol) : NULL;
    h->model_right = others_pass(e, i, cv->loss);
    return CONV_EXAMINED;
}

/* all finite */
static void check_finite(rcriterion *c, const history *h, conv_state *s)
{
    for (long long t = 0; t < h->nu; t++)
        if (!isfinite(h->L[t])) {
            if (!s->bad_finite)
                report_finding(c, h->name, "the loss becomes %s at step %lld",
                               isnan(h->L[t]) ? "NaN" : "infinite", t);
            s->bad_finite = true;
            return;
        }
}

/* non-increasing, as the spec's method (a descent) promises */
static void check_monotone(rcriterion *c, const conv_spec *cv, const history *h,
                           conv_state *s)
{
    const double *L = h->L;
    for (long long t = 1; t < h->nu; t++)
        if (isfinite(L[t]) && isfinite(L[t - 1]) &&
            L[t] > L[t - 1] + cv->slack * fabs(L[t - 1]) + 1e-12) {
            if (!s->bad_mono && cv->method)
                report_finding(c, h->name, "the loss went up at step %lld (%.6g -> %.6g): "
                                           "%s never increases it",
                               t, L[t - 1], L[t], cv->method);
            else if (!s->bad_mono)
                report_finding(c, h->name, "the loss went up at step %lld (%.6g -> %.6g); "
                                           "it should never increase",
                               t, L[t - 1], L[t]);
            s->bad_mono = true;
            return;
        }
}

/* ends where the reference ends, when the model is right: a lower final
 * loss is another objective (the same steps on the same objective end at
 * the same value) */
static void check_final(rcriterion *c, const conv_spec *cv, const history *h, conv_state *s)
{
    double a = h->L[h->nu - 1], b = h->F[h->nf - 1];
    if (!h->model_right || fabs(a - b) <= cv->final_rtol * fabs(b) + 1e-9)
        return;
    if (!s->bad_final && a < b)
        report_finding(c, h->name, "the final loss is %.6g, below the reference's %.6g: the "
                                   "loss computed is another objective (a term or a factor "
                                   "missing?), since the same steps on the same objective end "
                                   "at the same value",
                       a, b);
    else if (!s->bad_final)
        report_finding(c, h->name, "the final loss is %.6g, the reference reaches %.6g", a, b);
    s->bad_final = true;
}

/* stops when it should: at the first step that changed the loss by less
 * than tol, or, with no tol, after as many steps as the reference */
static void check_stopping(rcriterion *c, const history *h, conv_state *s)
{
    long long nu = h->nu;
    if (h->tol && h->tol->num > 0) {
        double tol = h->tol->num;
        long long first = -1;
        for (long long t = 1; t < nu; t++)
            if (fabs(h->L[t - 1] - h->L[t]) < tol) {
                first = t;
                break;
            }
        if (first >= 0 && first < nu - 1) {
            if (!s->bad_stop)
                report_finding(c, h->name, "the loss changed by less than tol at step "
                                           "%lld but training went on to step %lld",
                               first, nu - 1);
            s->bad_stop = true;
        } else if (first < 0 && nu < h->max_iter) {
            if (!s->bad_stop)
                report_finding(c, h->name, "stopped after %lld steps while the loss "
                                           "still changed by more than tol", nu);
            s->bad_stop = true;
        }
    } else if (!h->tol && nu != h->nf) {
        if (!s->bad_stop)
            report_finding(c, h->name, "ran %lld iterations; the reference stopped after "
                                       "%lld", nu, h->nf);
        s->bad_stop = true;
    }
}

/* Judges one case's history; false when its length is already wrong (the
 * other checks then say nothing about it). */
static bool judge_history(rcriterion *c, const conv_spec *cv, const history *h,
                          conv_state *s)
{
    if (h->nu < 1 || h->nu > h->max_iter) {
        if (!s->bad_stop)
            report_finding(c, h->name, h->nu < 1 ? "reported %lld losses: record one per step"
                                                 : "reported %lld losses, more than max_iter "
                                                   "(%lld)",
                           h->nu, h->max_iter);
        s->bad_stop = true;
        return false;
    }
    check_finite(c, h, s);
    if (cv->monotone)
        check_monotone(c, cv, h, s);
    check_final(c, cv, h, s);
    check_stopping(c, h, s);
    return true;
}

/* The plot shows the longest history: keeps h's when it is longer than
 * the one kept so far. */
static void keep_plot(report *r, const history *h, conv_state *s)
{
    if (h->nf <= s->best_len)
        return;
    s->best_len = h->nf;
    free(r->loss_case);
    free(r->loss_user);
    free(r->loss_ref);
    r->loss_case = xstrdup(h->name);
    r->loss_user = xmalloc(sizeof(double) * (size_t)h->nu);
    memcpy(r->loss_user, h->L, sizeof(double) * (size_t)h->nu);
    r->nloss_user = (int)h->nu;
    r->loss_ref = xmalloc(sizeof(double) * (size_t)h->nf);
    memcpy(r->loss_ref, h->F, sizeof(double) * (size_t)h->nf);
    r->nloss_ref = (int)h->nf;
}

/* The points: a quarter per check passed over the cases examined, in
 * proportion to the training cases the solution ran: a solution that
 * crashes on 9 of 10 earns a tenth of what its one history shows. */
static void conv_score(rcriterion *c, const conv_state *s)
{
    int okn = !s->bad_finite + !s->bad_mono + !s->bad_final + !s->bad_stop;
    if (s->examined == 0) {
        c->score = 0;
        c->passed = false;
        c->summary = xstrdup("no loss history to judge: no training case ran to completion");
        report_finding(c, NULL, "no loss history could be examined: the training cases "
                                "did not run to completion");
        return;
    }
    c->score = c->max * okn / 4 * s->examined / s->eligible;
    c->passed = okn == 4 && s->examined == s->eligible;
    strbuf sb = {0};
    sb_printf(&sb, "%d of 4 checks (finite, decreasing, final loss, stopping) over %d ", okn,
              s->examined);
    if (s->examined < s->eligible)
        sb_printf(&sb, "of %d training cases (%d did not run to completion)", s->eligible,
                  s->eligible - s->examined);
    else
        sb_add(&sb, s->examined == 1 ? "case" : "cases");
    c->summary = sb_take(&sb);
    if (s->examined < s->eligible)
        report_finding(c, NULL, "%d of %d training cases did not run to completion: their "
                                "loss histories earn nothing",
                       s->eligible - s->examined, s->eligible);
}

void rubric_convergence(report *r, const evidence *e)
{
    const conv_spec *cv = &e->c->conv;
    rcriterion *c = &r->crit[CRIT_CONVERGENCE];
    if (!cv->enabled || !c->applies)
        return;
    conv_state s = {.best_len = -1};
    for (int i = 0; i < e->ncases; i++) {
        history h;
        conv_case k = read_history(e, i, &h);
        s.eligible += k != CONV_NONE;
        if (k != CONV_EXAMINED)
            continue;
        s.examined++;
        if (judge_history(c, cv, &h, &s))
            keep_plot(r, &h, &s);
    }
    conv_score(c, &s);
}
