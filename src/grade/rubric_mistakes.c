/* rubric — the mistakes a failure shows (rubric.h): a mistake variant
 * that reproduces the solution's outputs on every failed case where it
 * goes wrong, a failed check that names a mistake, an input written to.
 * Never on outputs the solution did not write, nor when nothing ran. */

#include "grade/rubric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the solution left unwritten (poison) an element of the output
 * a check compares that other wrote: what was never written is no
 * evidence of a mistake (an empty stub's outputs look like NaNs). */
static bool unwritten_where(const check *ck, const cmp_env *got, const cmp_env *other)
{
    const value *g = cmp_env_get(got, ck->output), *o = cmp_env_get(other, ck->output);
    if (!g || !o || !g->array || g->role == ROLE_INPUT)
        return false;
    for (long long i = 0; i < g->count && i < o->count; i++)
        if (cmp_unwritten(g, i) && !cmp_unwritten(o, i))
            return true;
    return false;
}

/* How far run values g are from h over the elements all three of g, v, x
 * (the solution's, the variant's, the reference's) wrote: the sum of
 * |g - h|, infinite where exactly one of g and h is not finite. */
static double distance(const value *g, const value *h, const value *v, const value *x)
{
    long long n = g->array ? g->count : 1;
    if (g->array && (h->count < n || v->count < n || x->count < n))
        n = h->count < v->count ? (h->count < x->count ? h->count : x->count)
                                : (v->count < x->count ? v->count : x->count);
    double d = 0;
    for (long long i = 0; i < n; i++) {
        if (g->array && (cmp_unwritten(g, i) || cmp_unwritten(v, i) || cmp_unwritten(x, i)))
            continue;
        double a = g->array ? value_get(g, i) : g->num, b = h->array ? value_get(h, i) : h->num;
        if (isfinite(a) != isfinite(b))
            return INFINITY;
        if (isfinite(a))
            d += fabs(a - b);
    }
    return d;
}

/* The values of check ck's output in the three runs, when they are
 * numbers that can be compared element by element. */
static bool numbers(const check *ck, const cmp_env *got, const cmp_env *var,
                    const cmp_env *ref, const value **g, const value **v, const value **x)
{
    *g = cmp_env_get(got, ck->output);
    *v = cmp_env_get(var, ck->output);
    *x = cmp_env_get(ref, ck->output);
    return *g && *v && *x && (*g)->type != VT_STRING && (*g)->type != VT_HANDLE &&
           (*g)->array == (*v)->array && (*g)->array == (*x)->array;
}

/* The check loosened to 1e-3 at least: the scale at which a variant is
 * told from the reference and matched with a solution. */
static check loosened(const check *ck)
{
    check loose = *ck;
    if (loose.rtol < 1e-3)
        loose.rtol = 1e-3;
    if (loose.atol < 1e-6)
        loose.atol = 1e-6;
    return loose;
}

/* What a case tells of a variant. */
typedef enum clue { CLUE_NONE, CLUE_FOR, CLUE_AGAINST } clue;

/* What check ck, on which the variant differs from the reference (vx),
 * tells: FOR when the solution goes wrong the same way (equal at 1e-3;
 * for the loss history (history), following the variant past where it
 * leaves the reference until rounding sets them apart; or far nearer it than the
 * reference); AGAINST when it is right where the variant is wrong, or
 * has NaN or inf where the variant has numbers or the reverse; NONE when
 * both are wrong, differently (an unstable computation's noise). */
static clue check_clue(const check *ck, bool history, const cmp_env *got,
                       const cmp_env *var, const cmp_env *ref, const cmp_outcome *vx)
{
    check loose = loosened(ck);
    cmp_outcome gv, gx;
    compare_like(&loose, got, var, &gv);
    if (gv.ok || (history && vx->index >= 0 && gv.index > vx->index))
        return CLUE_FOR;
    const value *g, *v, *x;
    if (numbers(ck, got, var, ref, &g, &v, &x)) {
        double to_v = distance(g, v, v, x), to_x = distance(g, x, v, x);
        if (!isfinite(to_v))
            return CLUE_AGAINST;
        if (to_v <= 0.1 * to_x)
            return CLUE_FOR;
    }
    compare_like(&loose, got, ref, &gx);
    return gx.ok ? CLUE_AGAINST : CLUE_NONE;
}

/* What failed case i tells of the variant (which differs from the
 * reference there): AGAINST on any check against it, or where the
 * solution left unwritten what the variant wrote (no evidence, ever);
 * FOR on a check for it; else NONE. */
static clue case_clue(const evidence *e, const exec_job *variant, int i)
{
    const case_inst *ci = e->cases[i];
    if (variant->runs[i].status != XS_OK)
        return CLUE_AGAINST;    /* the solution's run finished */
    cmp_env got = rubric_env(e, e->user, i), var = rubric_env(e, variant, i),
            ref = rubric_env(e, e->ref, i);
    clue c = CLUE_NONE;
    for (int k = 0; k < ci->nchecks; k++) {
        const check *ck = &ci->checks[k];
        if (ck->kind == CMP_GRADCHECK)
            continue;
        if (unwritten_where(ck, &got, &var))
            return CLUE_AGAINST;
        check loose = loosened(ck);
        cmp_outcome vx;
        compare_like(&loose, &var, &ref, &vx);
        if (vx.ok)
            continue;    /* the variant is right here: nothing to match */
        const conv_spec *cv = &e->c->conv;
        bool history = cv->enabled && cv->loss && strcmp(ck->output, cv->loss) == 0;
        clue k_clue = check_clue(ck, history, &got, &var, &ref, &vx);
        if (k_clue == CLUE_AGAINST)
            return CLUE_AGAINST;
        if (k_clue == CLUE_FOR)
            c = CLUE_FOR;
    }
    return c;
}

/* Whether the variant's run of case i differs from the reference's (a
 * crash differs) at 1e-3: a case where the variant is within that of the
 * reference cannot tell the mistake apart, for or against. */
static bool differs_on_case(const evidence *e, const exec_job *variant, int i)
{
    const case_inst *ci = e->cases[i];
    if (variant->runs[i].status != XS_OK)
        return true;
    cmp_env var = rubric_env(e, variant, i), ref = rubric_env(e, e->ref, i);
    for (int k = 0; k < ci->nchecks; k++) {
        if (ci->checks[k].kind == CMP_GRADCHECK)
            continue;    /* needs extra runs; the other checks decide */
        check loose = loosened(&ci->checks[k]);
        cmp_outcome o;
        compare_like(&loose, &var, &ref, &o);
        if (!o.ok)
            return true;
    }
    return false;
}

/* Whether the variant's outputs on case i pass the case's own checks
 * (a crash does not, a run that did not finish is given the benefit of
 * the doubt); with exact, whether they are the solution's own
 * at 1e-3, NaN and inf where the solution has them. */
static bool variant_agrees(const evidence *e, const exec_job *variant, int i, bool exact)
{
    const case_inst *ci = e->cases[i];
    const xrun *v = &variant->runs[i];
    if (!exact && (v->status == XS_TIMEOUT || v->status == XS_NOTRUN ||
                   v->status == XS_ERROR || v->out_of_time))
        return true;    /* a run that did not finish (a busy machine) says nothing */
    if (v->status != XS_OK)
        return false;
    cmp_env var = rubric_env(e, variant, i);
    cmp_env other = exact ? rubric_env(e, e->user, i) : rubric_env(e, e->ref, i);
    for (int k = 0; k < ci->nchecks; k++) {
        if (ci->checks[k].kind == CMP_GRADCHECK)
            continue;
        check ck = exact ? loosened(&ci->checks[k]) : ci->checks[k];
        cmp_outcome o;
        compare_check(&ck, &var, &other, &o);
        if (!o.ok)
            return false;
    }
    return true;
}

void rubric_fit_variant(const evidence *e, const report *r, const exec_job *variant,
                        variant_fit *fit)
{
    /* a passed case the variant fails speaks against it; of the failed
     * cases where the variant goes wrong too, none may speak against it,
     * and more speak for it than say nothing; a failed case where the
     * variant behaves like the reference is another mistake's */
    int n[3] = {0, 0, 0};
    fit->matches = false;
    fit->exact = 0;
    fit->for_case = xcalloc((size_t)e->ncases + 1, 1);
    for (int i = 0; i < e->ncases; i++) {
        if (e->cases[i]->spec->crit == CRIT_ORGANIZATION)
            continue;
        if (r->cases[i].status == CS_PASS && !variant_agrees(e, variant, i, false))
            return;
        if (r->cases[i].status != CS_FAIL || !differs_on_case(e, variant, i))
            continue;
        clue cl = case_clue(e, variant, i);
        n[cl]++;
        fit->for_case[i] = cl == CLUE_FOR;
        fit->exact += cl == CLUE_FOR && variant_agrees(e, variant, i, true);
    }
    fit->matches = n[CLUE_AGAINST] == 0 && n[CLUE_FOR] > 0 && n[CLUE_FOR] >= n[CLUE_NONE];
}

/* Whether fit b is dominated by a: every case that spoke for b spoke for
 * a, and a reproduced the solution exactly on more of them. */
static bool dominated(const variant_fit *b, const variant_fit *a, int ncases)
{
    if (!a->matches || a->exact <= b->exact)
        return false;
    for (int i = 0; i < ncases; i++)
        if (b->for_case[i] && !a->for_case[i])
            return false;
    return true;
}

void rubric_drop_dominated(variant_fit *fits, int n, int ncases)
{
    bool *drop = xcalloc((size_t)n + 1, sizeof(bool));
    for (int b = 0; b < n; b++)
        for (int a = 0; a < n && fits[b].matches && !drop[b]; a++)
            drop[b] = a != b && dominated(&fits[b], &fits[a], ncases);
    for (int b = 0; b < n; b++)
        fits[b].matches = fits[b].matches && !drop[b];
    free(drop);
}

void variant_fit_clear(variant_fit *fit)
{
    free(fit->for_case);
    fit->for_case = NULL;
}

bool rubric_matches_variant(const evidence *e, const report *r, const exec_job *variant)
{
    variant_fit fit;
    rubric_fit_variant(e, r, variant, &fit);
    bool m = fit.matches;
    variant_fit_clear(&fit);
    return m;
}

/* The mistake check k of case i names when it fails, the solution having
 * written what it compares; NULL when it passed or names none. */
static const char *check_mistake(const evidence *e, int i, int k)
{
    const check *ck = &e->cases[i]->checks[k];
    if (!ck->mistake)
        return NULL;
    cmp_env got = rubric_env(e, e->user, i), exp = rubric_env(e, e->ref, i);
    if (unwritten_where(ck, &got, &exp))
        return NULL;
    cmp_outcome o;
    compare_check(ck, &got, &exp, &o);
    return o.ok ? NULL : ck->mistake;
}

/* The mistakes named by the failed checks of failed case i. */
static void name_check_mistakes(report *r, const evidence *e, int i)
{
    const challenge *c = e->c;
    for (int k = 0; k < e->cases[i]->nchecks; k++) {
        const char *id = check_mistake(e, i, k);
        for (int m = 0; id && m < c->nmistakes; m++)
            if (strcmp(c->mistakes[m].id, id) == 0)
                report_mistake(r, c->mistakes[m].id, c->mistakes[m].message);
    }
}

/* Whether a check named mistake id on some failed case, and every such
 * case spoke for a variant that matches (another mistake's). */
static bool explained(const evidence *e, const report *r, const char *id,
                      const variant_fit *fits, int n)
{
    bool named = false;
    for (int i = 0; i < e->ncases; i++) {
        bool here = false, why = false;
        for (int k = 0; r->cases[i].status == CS_FAIL && k < e->cases[i]->nchecks; k++) {
            const char *m = check_mistake(e, i, k);
            here |= m && strcmp(m, id) == 0;
        }
        for (int v = 0; here && v < n; v++)
            why |= fits[v].matches && fits[v].for_case[i];
        if (here && !why)
            return false;
        named |= here;
    }
    return named;
}

void rubric_unname_explained(report *r, const evidence *e, const variant_fit *fits,
                             const char *const *ids, int n)
{
    for (int m = r->nmistakes - 1; m >= 0; m--) {
        bool variant = false;
        for (int v = 0; v < n; v++)
            variant |= fits[v].matches && strcmp(ids[v], r->mistakes[m].id) == 0;
        if (!variant && explained(e, r, r->mistakes[m].id, fits, n))
            report_unmistake(r, r->mistakes[m].id);
    }
}

void rubric_named_mistakes(report *r, const evidence *e)
{
    /* code that did nothing makes no mistake: only its faults are named */
    bool ran = rubric_any_ran(e);
    for (int i = 0; i < e->ncases; i++) {
        const xrun *u = &e->user->runs[i];
        if (u->fault == PF_WRITE_INPUT) {
            char *msg = xasprintf("the input array %s was modified (inputs belong to the "
                                  "caller: copy before changing)",
                                  u->fault_buffer ? u->fault_buffer : "");
            report_mistake(r, "mutates_input", msg);
            free(msg);
        }
        if (ran && r->cases[i].status == CS_FAIL)
            name_check_mistakes(r, e, i);
    }
}
