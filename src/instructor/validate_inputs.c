/* validate_inputs — the steps that check the spec itself and the inputs
 * its generators give (validate_step.h). */
#include "instructor/validate_step.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "run/genprog.h"
#include "spec/gen.h"

/* --- the spec itself --------------------------------------------------------- */

/* Marks in named[] the declared mistakes that checks name (the loader
 * has made sure that they name declared ones). */
static void scan_check_mistakes(const challenge *c, const check *ck, int n, bool *named)
{
    for (int i = 0; i < n; i++)
        for (int m = 0; ck[i].mistake && m < c->nmistakes; m++)
            named[m] |= strcmp(c->mistakes[m].id, ck[i].mistake) == 0;
}

/* What the spec declares, in one line; a warning when no case is visible. */
static void spec_summary(vctx *x)
{
    const challenge *c = x->c;
    int per[CRIT_COUNT] = {0}, visible = 0;
    for (int i = 0; i < c->ncases; i++) {
        per[c->cases[i].crit]++;
        visible += c->cases[i].visible;
    }
    strbuf kinds = {0};
    for (int k = 0; k < CRIT_COUNT; k++)
        if (per[k])
            sb_printf(&kinds, "%s%d %s", kinds.len ? ", " : "", per[k],
                      criterion_name((criterion)k));
    vstep_add(x, V_OK, NULL, "spec loads: %d case%s (%s), %d function%s, %d mistake%s%s%s",
              c->ncases, c->ncases == 1 ? "" : "s", sb_str(&kinds), c->nfunctions,
              c->nfunctions == 1 ? "" : "s", c->nmistakes, c->nmistakes == 1 ? "" : "s",
              c->timing.enabled ? ", timing" : "", c->conv.enabled ? ", convergence" : "");
    sb_free(&kinds);
    if (visible == 0)
        vstep_add(x, V_WARN, NULL, "no visible case: `run` has no example to show the learner");
}

vstep_rc vstep_spec(vctx *x)
{
    const challenge *c = x->c;
    spec_summary(x);
    /* every mistake can be named somehow */
    bool *named = xcalloc((size_t)c->nmistakes + 1, sizeof(bool));
    scan_check_mistakes(c, c->checks, c->nchecks, named);
    for (int i = 0; i < c->ncases; i++)
        scan_check_mistakes(c, c->cases[i].checks, c->cases[i].nchecks, named);
    for (int m = 0; m < c->nmistakes; m++)
        if (!c->mistakes[m].source && !c->mistakes[m].site && !named[m])
            vstep_add(x, V_WARN, NULL,
                      "mistake %s has no \"source\", no site in the model answer and no "
                      "check names it: it can never be reported",
                      c->mistakes[m].id);
    free(named);
    /* what a slow solution is told comes from the challenge: no generic
     * sentence fits every one (or agrees with every named mistake) */
    if (c->timing.enabled && c->weights[CRIT_VECTORIZATION] > 0 &&
        !(c->timing.advice && *c->timing.advice))
        vstep_add(x, V_FAIL, NULL,
                  "timing.advice is missing: say in one line what makes a solution of "
                  "this challenge fast (it must not push towards a named mistake)");
    return VSTEP_NEXT;
}

/* --- generated inputs ------------------------------------------------------- */


/* Whether a generator is asked for NaN or inf somewhere. */
static bool gen_allows_nonfinite(const gen_spec *g)
{
    if (g->kind == G_LITERAL || g->p[GP_NAN_FRACTION])
        return true;
    for (int i = 0; i < g->nsets; i++)
        if (!isfinite(g->sets[i].value))
            return true;
    return false;
}

/* Integer range a generator promises, when it promises one ("set" writes
 * whatever the author asks for: no promise then). */
static bool gen_int_range(const gen_spec *g, const case_inst *ci, double *lo, double *hi)
{
    md_err e;
    if (g->nsets)
        return false;
    if (g->kind == G_LABELS) {
        double k;
        if (expr_eval(g->p[GP_CLASSES], case_lookup, (void *)ci, &k, &e) != 0)
            return false;
        *lo = 0;
        *hi = k - 1;
        return true;
    }
    if (g->kind == G_INTS && !g->p[GP_SCALE] && !g->p[GP_SHIFT])
        return expr_eval(g->p[GP_LOW], case_lookup, (void *)ci, lo, &e) == 0 &&
               expr_eval(g->p[GP_HIGH], case_lookup, (void *)ci, hi, &e) == 0;
    return false;
}

/* Appends to bad what is wrong with one generated array of a case. */
static void check_array(const case_inst *ci, const value *v, const gen_spec *g, strbuf *bad)
{
    const char *cname = ci->spec->name;
    long long want = 1;
    for (int d = 0; d < v->ndim; d++)
        want *= v->dims[d];
    if (v->count != want || (v->count > 0 && !v->data)) {
        sb_printf(bad, "case \"%s\": input %s has %lld elements for a shape of %lld\n", cname,
                  v->name, v->count, want);
        return;
    }
    long long nonfinite = 0, outside = 0;
    double lo = 0, hi = 0;
    /* a derived invalid case puts a value out of range on purpose */
    bool ranged = v->type == VT_INT && !case_poked(ci->spec, v->name) &&
                  gen_int_range(g, ci, &lo, &hi);
    for (long long k = 0; k < v->count; k++) {
        double val = value_get(v, k);
        if (v->type == VT_DOUBLE && !isfinite(val))
            nonfinite++;
        if (ranged && (val < lo || val > hi))
            outside++;
    }
    if (nonfinite && !gen_allows_nonfinite(g))
        sb_printf(bad, "case \"%s\": input %s has %lld NaN or infinite value%s, but its "
                       "\"%s\" generator asks for none (overflow in scale or shift?)\n",
                  cname, v->name, nonfinite, nonfinite == 1 ? "" : "s",
                  gen_kind_name(g->kind));
    if (outside)
        sb_printf(bad, "case \"%s\": input %s has %lld value%s outside [%g, %g]\n", cname,
                  v->name, outside, outside == 1 ? "" : "s", lo, hi);
}

/* Appends to bad what is wrong with the generated arrays of one case;
 * counts the arrays checked. */
static void check_generated(const challenge *c, const case_inst *ci, strbuf *bad, int *narrays)
{
    for (int i = 0; i < ci->nvals; i++) {
        const value *v = &ci->vals[i];
        if (v->role != ROLE_INPUT && v->role != ROLE_INOUT)
            continue;
        const input_def *in = case_input_def(c, ci->spec, v->name);
        const gen_spec *g = in ? in->gen : NULL;
        if (!g)
            continue;    /* produced by an earlier call, not generated */
        (*narrays)++;
        check_array(ci, v, g, bad);
    }
}

/* Runs the generator programs of cases[0..n); false after a line in bad
 * when they do not compile, do not run cleanly or write what is not
 * finite. */
static bool run_programs(const vctx *x, case_inst **cases, int n, strbuf *bad)
{
    genprog_opts go = {NULL, x->o->cancel};
    md_err e;
    if (genprog_fill(x->c, cases, n, &go, &e) == 0)
        return true;
    sb_printf(bad, "%s\n", e.msg);
    return false;
}

/* The first generated input of a and b (the same case, made twice)
 * whose numbers differ, or NULL. */
static const char *differing_input(const case_inst *a, const case_inst *b)
{
    for (int v = 0; v < a->nvals && v < b->nvals; v++) {
        const value *x = &a->vals[v], *y = &b->vals[v];
        if (!x->array || (x->role != ROLE_INPUT && x->role != ROLE_INOUT) ||
            x->type == VT_STRING || x->count != y->count)
            continue;
        if (memcmp(x->data, y->data, vtype_size(x->type) * (size_t)x->count) != 0)
            return x->name;
    }
    return NULL;
}

/* The generator programs give the same numbers for the same seed (else
 * --seed could not repeat a grading): the cases made again, compared. */
static bool programs_repeat(const vctx *x, case_inst **made, int n, strbuf *bad)
{
    const challenge *c = x->c;
    case_inst *again = xcalloc((size_t)n + 1, sizeof *again);
    case_inst **ptrs = xcalloc((size_t)n + 1, sizeof *ptrs);
    bool same = true;
    int k = 0;
    for (; k < n; k++) {
        md_err e;
        ptrs[k] = &again[k];
        if (case_instantiate(c, made[k]->spec, x->v->seed, NULL, 1, &again[k], &e) != 0)
            break;
    }
    if (k == n && run_programs(x, ptrs, n, bad))
        for (int i = 0; i < n && same; i++) {
            const char *name = differing_input(made[i], &again[i]);
            if (name) {
                sb_printf(bad, "case \"%s\": input \"%s\" differs when made again from the "
                               "same seed: a generator program must draw its numbers from "
                               "its seed argument alone\n",
                          made[i]->spec->name, name);
                same = false;
            }
        }
    for (int i = 0; i < k; i++)
        case_inst_free(&again[i]);
    free(again);
    free(ptrs);
    return same && k == n;
}

/* Instantiates every case into x->cases (NULL where it fails) and checks
 * what the generators produced; false when some case failed. */
static bool instantiate_cases(vctx *x, strbuf *bad, int *narrays)
{
    const challenge *c = x->c;
    bool all = true;
    int n = 0;
    case_inst **made = xcalloc((size_t)c->ncases + 1, sizeof(case_inst *));
    for (int i = 0; i < c->ncases; i++) {
        case_inst *ci = xcalloc(1, sizeof *ci);
        md_err e;
        if (case_instantiate(c, &c->cases[i], x->v->seed, NULL, 1, ci, &e) != 0) {
            sb_printf(bad, "case \"%s\": %s\n", c->cases[i].name, e.msg);
            free(ci);
            all = false;
            continue;
        }
        x->cases[i] = made[n++] = ci;
    }
    /* the generator programs fill their inputs, all cases at once, and
     * again: the same seed must give the same numbers */
    if (!run_programs(x, made, n, bad) || (c->ngenerators && !programs_repeat(x, made, n, bad)))
        all = false;
    for (int i = 0; all && i < n; i++)
        check_generated(c, made[i], bad, narrays);
    free(made);
    return all;
}

/* The timing input at each size: what the generators produced, and its
 * size against the memory limit; its sizes described in timing. */
static void check_timing_input(const vctx *x, strbuf *bad, strbuf *timing, int *narrays)
{
    const challenge *c = x->c;
    const timing_spec *ts = &c->timing;
    for (int s = 0; ts->enabled && s < ts->nscales; s++) {
        case_inst tc;
        md_err e;
        if (case_instantiate(c, &ts->base, x->v->seed, ts->grow, ts->scales[s], &tc, &e) != 0) {
            sb_printf(bad, "timing input at scale %g: %s\n", ts->scales[s], e.msg);
            continue;
        }
        case_inst *one = &tc;
        if (!run_programs(x, &one, 1, bad)) {
            case_inst_free(&tc);
            continue;
        }
        check_generated(c, &tc, bad, narrays);
        const value *g = ts->grow ? case_value(&tc, ts->grow) : NULL;
        double mb = (double)case_bytes(&tc) / (1 << 20);
        if (g)
            sb_printf(timing, "%s%s=%g", timing->len ? ", " : "", ts->grow, g->num);
        if (s == ts->nscales - 1) {
            sb_printf(timing, "%s%.1f MB at the largest size", timing->len ? "; " : "", mb);
            if (mb * 2 > c->memory_mb)
                sb_printf(bad, "the timing input needs %.0f MB, too close to the memory "
                               "limit of %d MB (\"limits\": {\"memory_mb\"})\n",
                          mb, c->memory_mb);
        }
        case_inst_free(&tc);
    }
}

vstep_rc vstep_inputs(vctx *x)
{
    strbuf bad = {0}, timing = {0};
    int narrays = 0;
    x->cases = xcalloc((size_t)x->c->ncases + 1, sizeof(case_inst *));
    bool all = instantiate_cases(x, &bad, &narrays);
    check_timing_input(x, &bad, &timing, &narrays);
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad), "the generators do not give what the shapes say");
    else
        vstep_add(x, V_OK, NULL,
                  "the generators give every case%s the declared shapes (%d arrays%s%s)",
                  x->c->timing.enabled ? " and the timing input" : "", narrays,
                  timing.len ? "; timing " : "", sb_str(&timing));
    sb_free(&bad);
    sb_free(&timing);
    return all ? VSTEP_NEXT : VSTEP_STOP;
}
