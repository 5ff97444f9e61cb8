/* validate — see validate.h.  The stages run in the order data flows:
 * spec -> reference build -> generated cases -> reference and mistake
 * variants on those cases -> the reference graded as a solution ->
 * example solutions (through batch) -> the vectorization separation.
 * A stage that finds the challenge broken skips the stages that need what
 * it checked (no cases, no runs). */
#define _GNU_SOURCE

#include "instructor/validate.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "grade/grade.h"
#include "instructor/batch.h"
#include "instructor/expect.h"
#include "run/compile.h"
#include "run/exec.h"
#include "run/layout.h"
#include "spec/cases.h"
#include "spec/challenge.h"
#include "spec/gen.h"
#include "spec/spec.h"
#include "util/rng.h"

/* The reference timed against itself should come out near 1x; outside
 * this band the machine is too noisy for the vectorization verdicts. */
#define SELF_RATIO_LO 0.67
#define SELF_RATIO_HI 1.5
/* A separation closer than this factor to the half-points ratio could be
 * flipped by timing noise. */
#define SEPARATION_MARGIN 1.25
/* Timing budget of the regrading of an example whose only disagreement
 * is the vectorization verdict. */
#define REGRADE_BUDGET_S 1.5

const char *vverdict_name(vverdict k)
{
    return k == V_OK ? "ok" : k == V_WARN ? "warn" : "FAIL";
}

/* Records an item (detail is taken over, may be NULL) and reports it. */
static void add(validation *v, const validate_opts *o, vverdict k, char *detail,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add(validation *v, const validate_opts *o, vverdict k, char *detail,
                const char *fmt, ...)
{
    v->items = xrealloc(v->items, sizeof(vitem) * (size_t)(v->nitems + 1));
    vitem *it = &v->items[v->nitems++];
    strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    it->verdict = k;
    it->what = sb_take(&sb);
    it->detail = detail && *detail ? detail : NULL;
    if (detail && !it->detail)
        free(detail);
    v->failures += k == V_FAIL;
    v->warnings += k == V_WARN;
    if (o->item)
        o->item(o->item_ctx, v, it);
}

void validation_clear(validation *v)
{
    if (!v)
        return;
    for (int i = 0; i < v->nitems; i++) {
        free(v->items[i].what);
        free(v->items[i].detail);
    }
    free(v->items);
    free(v->target);
    free(v->id);
    memset(v, 0, sizeof *v);
}

static bool cancelled(const validate_opts *o)
{
    return o->cancel && *o->cancel;
}

/* A path as a person would type it: relative to the working directory
 * when it lies below it. */
static const char *shown(const char *path, char *buf, size_t n)
{
    char *cwd = path_absolute(".");
    size_t l = strlen(cwd);
    if (strncmp(path, cwd, l) == 0 && path[l] == '/')
        snprintf(buf, n, "%s", path + l + 1);
    else
        snprintf(buf, n, "%s", path);
    free(cwd);
    return buf;
}

/* --- the spec itself --------------------------------------------------------- */

static bool mistake_declared(const challenge *c, const char *id)
{
    for (int m = 0; m < c->nmistakes; m++)
        if (strcmp(c->mistakes[m].id, id) == 0)
            return true;
    return strcmp(id, "mutates_input") == 0;    /* always nameable */
}

static void scan_check_mistakes(const challenge *c, const check *ck, int n, strbuf *bad,
                                bool *named)
{
    for (int i = 0; i < n; i++) {
        if (!ck[i].mistake)
            continue;
        if (!mistake_declared(c, ck[i].mistake))
            sb_printf(bad, "%s names mistake \"%s\", which \"mistakes\" does not declare\n",
                      ck[i].path, ck[i].mistake);
        for (int m = 0; m < c->nmistakes; m++)
            named[m] |= strcmp(c->mistakes[m].id, ck[i].mistake) == 0;
    }
}

static void check_spec(const challenge *c, validation *v, const validate_opts *o)
{
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
    add(v, o, V_OK, NULL, "spec loads: %d case%s (%s), %d function%s, %d mistake%s%s%s",
        c->ncases, c->ncases == 1 ? "" : "s", sb_str(&kinds), c->nfunctions,
        c->nfunctions == 1 ? "" : "s", c->nmistakes, c->nmistakes == 1 ? "" : "s",
        c->timing.enabled ? ", timing" : "", c->conv.enabled ? ", convergence" : "");
    sb_free(&kinds);
    if (visible == 0)
        add(v, o, V_WARN, NULL, "no visible case: `run` has no example to show the learner");

    /* "mistake" keys of checks name declared mistakes; every mistake can
     * be named somehow */
    strbuf bad = {0};
    bool *named = xcalloc((size_t)c->nmistakes + 1, sizeof(bool));
    scan_check_mistakes(c, c->checks, c->nchecks, &bad, named);
    for (int i = 0; i < c->ncases; i++)
        scan_check_mistakes(c, c->cases[i].checks, c->cases[i].nchecks, &bad, named);
    if (bad.len)
        add(v, o, V_FAIL, sb_take(&bad), "checks name undeclared mistakes");
    for (int m = 0; m < c->nmistakes; m++)
        if (!c->mistakes[m].source && !c->mistakes[m].site && !named[m])
            add(v, o, V_WARN, NULL,
                "mistake %s has no \"source\", no site in the model answer and no "
                "check names it: it can never be reported",
                c->mistakes[m].id);
    free(named);
    sb_free(&bad);
}

/* --- generated inputs ------------------------------------------------------- */

static const gen_spec *gen_of(const challenge *c, const case_spec *cs, const char *name)
{
    for (int i = 0; i < cs->ninputs; i++)
        if (strcmp(cs->inputs[i].name, name) == 0)
            return cs->inputs[i].gen;
    for (int i = 0; i < c->ninputs; i++)
        if (strcmp(c->inputs[i].name, name) == 0)
            return c->inputs[i].gen;
    return NULL;
}

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

/* Appends to bad what is wrong with the generated arrays of one case;
 * counts the arrays checked. */
static void check_generated(const challenge *c, const case_inst *ci, strbuf *bad, int *narrays)
{
    const char *cname = ci->spec->name;
    for (int i = 0; i < ci->nvals; i++) {
        const value *v = &ci->vals[i];
        if (v->role != ROLE_INPUT && v->role != ROLE_INOUT)
            continue;
        const gen_spec *g = gen_of(c, ci->spec, v->name);
        if (!g)
            continue;    /* produced by an earlier call, not generated */
        (*narrays)++;
        long long want = 1;
        for (int d = 0; d < v->ndim; d++)
            want *= v->dims[d];
        if (v->count != want || (v->count > 0 && !v->data)) {
            sb_printf(bad, "case \"%s\": input %s has %lld elements for a shape of %lld\n",
                      cname, v->name, v->count, want);
            continue;
        }
        long long nonfinite = 0, outside = 0;
        double lo = 0, hi = 0;
        bool ranged = v->type == VT_INT && gen_int_range(g, ci, &lo, &hi);
        for (long long k = 0; k < v->count; k++) {
            double x = value_get(v, k);
            if (v->type == VT_DOUBLE && !isfinite(x))
                nonfinite++;
            if (ranged && (x < lo || x > hi))
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
}

/* Instantiates every case (into cases[], NULL where it failed) and the
 * timing input at each size, and checks what the generators produced. */
static bool check_generators(const challenge *c, uint64_t seed, case_inst **cases,
                             validation *v, const validate_opts *o)
{
    strbuf bad = {0}, timing = {0};
    int narrays = 0;
    bool all = true;
    for (int i = 0; i < c->ncases; i++) {
        case_inst *ci = xcalloc(1, sizeof *ci);
        md_err e;
        if (case_instantiate(c, &c->cases[i], seed, NULL, 1, ci, &e) != 0) {
            sb_printf(&bad, "case \"%s\": %s\n", c->cases[i].name, e.msg);
            free(ci);
            all = false;
            continue;
        }
        check_generated(c, ci, &bad, &narrays);
        cases[i] = ci;
    }
    const timing_spec *ts = &c->timing;
    for (int s = 0; ts->enabled && s < ts->nscales; s++) {
        case_inst tc;
        md_err e;
        if (case_instantiate(c, &ts->base, seed, ts->grow, ts->scales[s], &tc, &e) != 0) {
            sb_printf(&bad, "timing input at scale %g: %s\n", ts->scales[s], e.msg);
            continue;
        }
        check_generated(c, &tc, &bad, &narrays);
        const value *g = ts->grow ? case_value(&tc, ts->grow) : NULL;
        double mb = (double)case_bytes(&tc) / (1 << 20);
        if (g)
            sb_printf(&timing, "%s%s=%g", timing.len ? ", " : "", ts->grow, g->num);
        if (s == ts->nscales - 1) {
            sb_printf(&timing, "%s%.1f MB at the largest size", timing.len ? "; " : "", mb);
            if (mb * 2 > c->memory_mb)
                sb_printf(&bad, "the timing input needs %.0f MB, too close to the memory "
                                "limit of %d MB (\"limits\": {\"memory_mb\"})\n",
                          mb, c->memory_mb);
        }
        case_inst_free(&tc);
    }
    if (bad.len)
        add(v, o, V_FAIL, sb_take(&bad), "the generators do not give what the shapes say");
    else
        add(v, o, V_OK, NULL, "the generators give every case%s the declared shapes (%d "
                              "arrays%s%s)",
            ts->enabled ? " and the timing input" : "", narrays, timing.len ? "; timing " : "",
            sb_str(&timing));
    sb_free(&bad);
    sb_free(&timing);
    return all;
}

/* --- the reference and the mistake variants on the cases ----------------------- */

/* Whether a variant's run of case i differs from the reference's. */
static bool run_differs(const case_inst *ci, const xrun *var, const xrun *ref)
{
    if (var->status != XS_OK)
        return true;
    cmp_env got = {ci, var->vals, var->nvals}, exp = {ci, ref->vals, ref->nvals};
    for (int k = 0; k < ci->nchecks; k++) {
        if (ci->checks[k].kind == CMP_GRADCHECK)
            continue;    /* needs extra runs; the other checks decide */
        cmp_outcome out;
        compare_check(&ci->checks[k], &got, &exp, &out);
        if (!out.ok)
            return true;
    }
    return false;
}

/* NaN or inf in the reference's compared outputs of a stability case. */
static void check_finite(const case_inst *ci, const xrun *ref, strbuf *bad)
{
    cmp_env env = {ci, ref->vals, ref->nvals};
    for (int k = 0; k < ci->nchecks; k++) {
        check fin = ci->checks[k];
        const value *val = cmp_env_get(&env, fin.output);
        if (fin.kind == CMP_GRADCHECK || !val || val->type != VT_DOUBLE)
            continue;
        fin.kind = CMP_FINITE;
        cmp_outcome out;
        compare_check(&fin, &env, &env, &out);
        if (!out.ok)
            sb_printf(bad, "case \"%s\": %s\n", ci->spec->name, out.message);
    }
}

static int check_runs(const challenge *c, case_inst **cases, const compile_result *ref,
                      validation *v, const validate_opts *o, md_err *err)
{
    char buf[4096];
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    layout *lay = layout_build(cases, c->ncases, &lo, err);
    if (!lay)
        return -1;
    /* job 0 is the reference, then every variant that compiles */
    exec_job *jobs = xcalloc((size_t)c->nmistakes + 1, sizeof(exec_job));
    compile_result *cr = xcalloc((size_t)c->nmistakes + 1, sizeof(compile_result));
    int *which = xcalloc((size_t)c->nmistakes + 1, sizeof(int));
    int njobs = 1, rc = -1;
    jobs[0].so = ref->so_path;
    for (int m = 0; m < c->nmistakes; m++) {
        const mistake_spec *ms = &c->mistakes[m];
        compile_opts co = {0};
        int crc = compile_mistake(c, ms, &co, &cr[njobs], err);
        if (crc == 1)
            continue;
        if (crc != 0)
            goto out;
        if (!cr[njobs].ok) {
            add(v, o, V_FAIL, xstrdup(cr[njobs].output), "mistake %s: %s%s does not compile",
                ms->id, shown(compile_mistake_file(c, ms), buf, sizeof buf),
                ms->source ? "" : " with the mistake's site on");
            compile_result_clear(&cr[njobs]);
            continue;
        }
        jobs[njobs].so = cr[njobs].so_path;
        which[njobs++] = m;
    }
    exec_opts eo = {0};
    eo.runner = exec_find_runner("mldrill-runner");
    eo.output_cap = 16 * 1024;
    eo.parallel = 2;
    eo.cancel = o->cancel;
    if (!eo.runner) {
        md_fail(err, "the runner (mldrill-runner) is missing");
        goto out;
    }
    int erc = exec_run(lay, jobs, njobs, &eo, err);
    free((char *)eo.runner);
    if (erc != 0)
        goto out;

    /* the reference: every case runs; stability outputs are finite */
    strbuf bad = {0}, nonfinite = {0};
    int nstab = 0;
    if (jobs[0].error)
        sb_printf(&bad, "%s\n", jobs[0].error);
    for (int i = 0; i < c->ncases && !jobs[0].error; i++) {
        const xrun *x = &jobs[0].runs[i];
        if (x->status != XS_OK) {
            sb_printf(&bad, "case \"%s\": %s\n", c->cases[i].name,
                      x->message ? x->message : xstatus_name(x->status));
        } else if (c->cases[i].crit == CRIT_STABILITY) {
            nstab++;
            check_finite(cases[i], x, &nonfinite);
        }
    }
    if (bad.len)
        add(v, o, V_FAIL, sb_take(&bad), "the reference does not run every case cleanly");
    else
        add(v, o, V_OK, NULL, "the reference runs all %d cases", c->ncases);
    if (nonfinite.len)
        add(v, o, V_FAIL, sb_take(&nonfinite),
            "the reference's outputs are not finite on stability cases");
    else if (nstab)
        add(v, o, V_OK, NULL, "the reference's outputs are finite on the %d stability case%s",
            nstab, nstab == 1 ? "" : "s");
    sb_free(&bad);
    sb_free(&nonfinite);

    /* every variant makes a difference somewhere */
    for (int k = 1; k < njobs; k++) {
        const char *id = c->mistakes[which[k]].id;
        if (jobs[k].error) {
            add(v, o, V_FAIL, NULL, "mistake %s could not run: %s", id, jobs[k].error);
            continue;
        }
        int differ = 0;
        for (int i = 0; i < c->ncases && !jobs[0].error; i++)
            differ += jobs[0].runs[i].status == XS_OK &&
                      run_differs(cases[i], &jobs[k].runs[i], &jobs[0].runs[i]);
        if (differ == 0)
            add(v, o, V_FAIL, NULL,
                "mistake %s behaves like the reference on all %d cases: no case catches it "
                "(add a case where it goes wrong)",
                id, c->ncases);
        else
            add(v, o, V_OK, NULL, "mistake %s differs from the reference on %d of %d cases",
                id, differ, c->ncases);
    }
    rc = 0;
out:
    for (int k = 0; k < njobs; k++)
        exec_job_clear(&jobs[k]);
    for (int k = 0; k <= c->nmistakes; k++)
        compile_result_clear(&cr[k]);
    free(jobs);
    free(cr);
    free(which);
    layout_free(lay);
    return rc;
}

/* The reference graded as a solution must pass everything: this checks at
 * once that it is deterministic (two processes agree), that its own
 * checks, convergence and gradients hold, that it is well organised, and
 * that timing it against itself gives about 1x. */
static int check_reference_grade(const challenge *c, uint64_t seed, validation *v,
                                 const validate_opts *o, md_err *err)
{
    grade_opts go = {0};
    go.have_seed = true;
    go.seed = seed;
    go.timing_budget_s = o->timing_budget_s;
    go.cancel = o->cancel;
    go.trusted = true;    /* it is the reference: it may include its headers */
    md_err e;
    report *r = grade_solution(c, c->reference, &go, &e);
    if (!r) {
        if (cancelled(o))
            return md_fail(err, "cancelled");
        add(v, o, V_FAIL, NULL, "grading the reference as a solution failed: %s", e.msg);
        return 0;
    }
    strbuf bad = {0};
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (cr->applies && !cr->passed)
            sb_printf(&bad, "%s%s", bad.len ? ", " : "", criterion_name((criterion)k));
    }
    if (bad.len || !r->passed) {
        add(v, o, V_FAIL, report_text(r, false),
            "the reference, graded as a solution, does not pass%s%s (score %.0f)",
            bad.len ? ": " : "", sb_str(&bad), r->score);
    } else if (r->timed) {
        add(v, o, V_OK, NULL,
            "the reference, graded as a solution, scores %.0f; against itself it times at "
            "%.2fx (middle half %.2f-%.2f)",
            r->score, r->tstats.ratio, r->tstats.q1, r->tstats.q3);
        if (r->tstats.ratio < SELF_RATIO_LO || r->tstats.ratio > SELF_RATIO_HI)
            add(v, o, V_WARN, NULL,
                "timing is noisy here: the reference against itself came out at %.2fx, so "
                "vectorization verdicts may be off (is the machine busy?)",
                r->tstats.ratio);
    } else {
        add(v, o, V_OK, NULL, "the reference, graded as a solution, scores %.0f", r->score);
    }
    sb_free(&bad);
    report_free(r);
    return 0;
}

/* --- example solutions ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs in a batch worker: "" when the report has the declared outcome,
 * else a first line saying whether only the timing disagrees ("timing")
 * or more ("outcome"), then the differences and the report. */
static char *inspect_example(void *ctx, const char *file, const report *r)
{
    (void)ctx;
    expectation e;
    md_err err;
    if (expect_parse(file, &e, &err) != 0)
        return xasprintf("outcome\n%s", err.msg);
    strbuf why = {0};
    int bad = expect_verify(&e, r, &why);
    /* the same without what the timing decides */
    expectation rest = e;
    rest.crit[CRIT_VECTORIZATION] = -1;
    rest.passed = -1;
    strbuf ignored = {0};
    bool timing_only = bad && expect_verify(&rest, r, &ignored) == 0;
    sb_free(&ignored);
    expect_free(&e);
    if (!bad) {
        sb_free(&why);
        return xstrdup("");
    }
    char *text = report_text(r, false);
    strbuf note = {0};
    sb_printf(&note, "%s\n%s---- report ----\n%s", timing_only ? "timing" : "outcome",
              sb_str(&why), text);
    free(text);
    sb_free(&why);
    return sb_take(&note);
}

/* Timing is noisy on a busy machine.  An example whose only difference is
 * the vectorization verdict (or the pass it decides) is graded twice more,
 * alone and with a larger timing budget; both must agree with the
 * declaration. */
static bool regrade_agrees(const challenge *c, const char *file, const expectation *e,
                           uint64_t seed, const validate_opts *o, strbuf *why)
{
    for (int k = 0; k < 2; k++) {
        grade_opts go = {0};
        go.have_seed = true;
        go.seed = seed + 1 + (uint64_t)k;
        go.timing_budget_s = o->timing_budget_s > REGRADE_BUDGET_S ? o->timing_budget_s
                                                                   : REGRADE_BUDGET_S;
        go.cancel = o->cancel;
        md_err err;
        report *r = grade_solution(c, file, &go, &err);
        if (!r) {
            sb_printf(why, "regrading failed: %s\n", err.msg);
            return false;
        }
        size_t mark = why->len;
        sb_printf(why, "graded again alone with a %.1f s timing budget:\n", go.timing_budget_s);
        int bad = expect_verify(e, r, why);
        if (!bad) {    /* keep only what disagrees */
            why->len = mark;
            if (why->buf)
                why->buf[mark] = '\0';
        }
        report_free(r);
        if (bad)
            return false;
    }
    return true;
}

/* The declared-slow examples against the accepted ones, on the curve. */
static void check_separation(const challenge *c, char **files, expectation *ex,
                             const batch_row *rows, int n, validation *v,
                             const validate_opts *o)
{
    const timing_spec *ts = &c->timing;
    double half = sqrt(ts->full_ratio * ts->zero_ratio);
    int nslow = 0, nacc = 0, islow = -1, iacc = -1;
    double *ratio = xcalloc((size_t)n + 1, sizeof(double));
    for (int i = 0; i < n; i++) {
        ratio[i] = rows[i].ratio;
        /* no ratio but zero points: too slow to finish a timed call */
        if (isnan(ratio[i]) && rows[i].points[CRIT_VECTORIZATION] == 0 &&
            ex[i].crit[CRIT_CORRECTNESS] == 1 && rows[i].max[CRIT_VECTORIZATION] > 0)
            ratio[i] = INFINITY;
        if (ex[i].crit[CRIT_VECTORIZATION] < 0 || rows[i].status != BATCH_GRADED ||
            isnan(ratio[i]))
            continue;
        if (ex[i].crit[CRIT_VECTORIZATION] == 0 && ex[i].crit[CRIT_CORRECTNESS] == 1) {
            nslow++;
            if (islow < 0 || ratio[i] < ratio[islow])
                islow = i;    /* the fastest slow one */
        } else if (ex[i].crit[CRIT_VECTORIZATION] == 1) {
            nacc++;
            if (iacc < 0 || ratio[i] > ratio[iacc])
                iacc = i;     /* the slowest accepted one */
        }
    }
    double slow = islow >= 0 ? ratio[islow] : NAN, acc = iacc >= 0 ? ratio[iacc] : NAN;
    free(ratio);
    if (nslow == 0 || nacc == 0) {
        add(v, o, V_WARN, NULL,
            "no timed example declares vectorization=%s: nothing shows the timing curve "
            "(full points up to %gx, none from %gx) %s",
            nslow == 0 ? "fail with correctness=pass" : "pass", ts->full_ratio,
            ts->zero_ratio,
            nslow == 0 ? "catching a slow solution" : "accepting a vectorised one");
        return;
    }
    const char *sf = path_basename(files[islow]), *af = path_basename(files[iacc]);
    char st[64], at[64];
    if (isinf(slow))
        snprintf(st, sizeof st, "too slow to time");
    else
        snprintf(st, sizeof st, "%.2fx", slow);
    snprintf(at, sizeof at, "%.2fx", acc);
    if (!(slow > half && acc < half)) {
        add(v, o, V_FAIL, NULL,
            "the vectorization curve does not separate %s (%s) from %s (%s): half points "
            "are at %.2fx (full_ratio %g, zero_ratio %g)",
            sf, st, af, at, half, ts->full_ratio, ts->zero_ratio);
    } else if (slow < half * SEPARATION_MARGIN || acc > half / SEPARATION_MARGIN) {
        add(v, o, V_WARN, NULL,
            "the vectorization curve separates %s (%s) from %s (%s) only narrowly (half "
            "points at %.2fx): timing noise could flip a verdict",
            sf, st, af, at, half);
    } else {
        add(v, o, V_OK, NULL,
            "the vectorization curve separates the slow example%s (%s: %s) from the "
            "accepted one%s (%s: %s); half points at %.2fx",
            nslow == 1 ? "" : "s", sf, st, nacc == 1 ? "" : "s", af, at, half);
    }
}

static char **list_examples(const char *dir, int *n)
{
    char **files = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 3 || de->d_name[0] == '.' || strcmp(de->d_name + l - 2, ".c") != 0)
            continue;
        files = xrealloc(files, sizeof(char *) * (size_t)(*n + 1));
        files[(*n)++] = path_join(dir, de->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(files, (size_t)*n, sizeof(char *), cmp_str);
    return files;
}

static int check_examples(const challenge *c, validation *v, const validate_opts *o,
                          md_err *err)
{
    if (!c->examples) {
        add(v, o, V_WARN, NULL, "no \"examples\" directory: nothing shows that the rubric "
                                "tells good solutions from bad ones");
        return 0;
    }
    int nall;
    char **all = list_examples(c->examples, &nall);
    if (nall == 0) {
        add(v, o, V_WARN, NULL, "no example solutions in %s", c->examples);
        free(all);
        return 0;
    }
    /* the declarations first: a malformed one is not worth grading */
    char **files = xcalloc((size_t)nall, sizeof(char *));
    expectation *ex = xcalloc((size_t)nall, sizeof(expectation));
    int n = 0;
    for (int i = 0; i < nall; i++) {
        md_err e;
        expectation x;
        if (expect_parse(all[i], &x, &e) != 0) {
            add(v, o, V_FAIL, NULL, "example %s", e.msg);
            continue;
        }
        bool ok = true;
        for (int m = 0; m < x.nmistakes; m++)
            if (!mistake_declared(c, x.mistakes[m])) {
                add(v, o, V_FAIL, NULL,
                    "example %s declares mistake=%s, which the spec does not declare",
                    path_basename(all[i]), x.mistakes[m]);
                ok = false;
            }
        if (!ok) {
            expect_free(&x);
            continue;
        }
        files[n] = all[i];
        ex[n++] = x;
    }

    batch_opts bo = {0};
    bo.jobs = o->jobs;
    bo.grade.have_seed = o->have_seed;
    bo.grade.seed = o->seed;
    bo.grade.timing_budget_s = o->timing_budget_s;
    bo.seed_per_file = true;
    bo.inspect = inspect_example;
    bo.cancel = o->cancel;
    batch_row *rows = xcalloc((size_t)n + 1, sizeof(batch_row));
    double t0 = now_seconds();
    int rc = n ? batch_run(c, files, n, &bo, rows, err) : 0;
    if (rc == 0) {
        int good = 0;
        strbuf table = {0};
        for (int i = 0; i < n; i++) {
            const char *base = path_basename(files[i]);
            const batch_row *r = &rows[i];
            if (r->status == BATCH_ERROR) {
                add(v, o, V_FAIL, NULL, "example %s was not graded: %s", base, r->error);
                continue;
            }
            if (r->note && *r->note) {
                /* "timing" or "outcome", then the differences, then the report */
                bool timing_only = strncmp(r->note, "timing\n", 7) == 0;
                const char *diff = strchr(r->note, '\n');
                diff = diff ? diff + 1 : "";
                size_t first = strcspn(diff, "\n");
                strbuf again = {0};
                if (timing_only && !cancelled(o) &&
                    regrade_agrees(c, files[i], &ex[i], r->seed, o, &again)) {
                    add(v, o, V_WARN, NULL,
                        "example %s: %.*s at first; graded twice more alone with a %.1f s "
                        "timing budget, it got its declared outcome (a busy machine?)",
                        base, (int)first, diff,
                        o->timing_budget_s > REGRADE_BUDGET_S ? o->timing_budget_s
                                                              : REGRADE_BUDGET_S);
                    sb_free(&again);
                    good++;
                    sb_printf(&table, "%-28s %3.0f %s\n", base, r->score, ex[i].text);
                    continue;
                }
                if (again.len)
                    sb_add(&again, "---- first grading ----\n");
                sb_add(&again, diff + first + (diff[first] != 0));
                add(v, o, V_FAIL, sb_take(&again), "example %s: %.*s (declared:%s)", base,
                    (int)first, diff, ex[i].text);
                continue;
            }
            good++;
            sb_printf(&table, "%-28s %3.0f %s\n", base, r->score, ex[i].text);
        }
        if (good == n && n > 0)
            add(v, o, V_OK, sb_take(&table),
                "%d example solution%s get their declared outcome (%.1f s)", n,
                n == 1 ? "" : "s", now_seconds() - t0);
        sb_free(&table);

        /* what the examples show, and what they leave unshown */
        bool any_pass = false;
        for (int i = 0; i < n; i++)
            any_pass |= ex[i].passed == 1;
        if (!any_pass)
            add(v, o, V_WARN, NULL, "no example declares passed=yes: nothing shows that a "
                                    "right solution passes");
        for (int m = 0; m < c->nmistakes; m++) {
            bool shown_m = false;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < ex[i].nmistakes; k++)
                    shown_m |= strcmp(ex[i].mistakes[k], c->mistakes[m].id) == 0;
            if (!shown_m)
                add(v, o, V_WARN, NULL,
                    "no example declares mistake=%s: nothing shows that it is named",
                    c->mistakes[m].id);
        }
        if (c->timing.enabled && c->weights[CRIT_VECTORIZATION] > 0)
            check_separation(c, files, ex, rows, n, v, o);
    }
    for (int i = 0; i < n; i++) {
        batch_row_clear(&rows[i]);
        expect_free(&ex[i]);
    }
    for (int i = 0; i < nall; i++)
        free(all[i]);
    free(all);
    free(files);
    free(ex);
    free(rows);
    return rc;
}

/* --- the whole validation ------------------------------------------------------- */

int validate_spec(const char *path, const validate_opts *o, validation *v, md_err *err)
{
    double t0 = now_seconds();
    memset(v, 0, sizeof *v);
    v->target = xstrdup(path);
    md_err e;
    challenge *c = challenge_load(path, &e);
    if (!c) {
        add(v, o, V_FAIL, NULL, "the spec does not load: %s", e.msg);
        v->seconds = now_seconds() - t0;
        return 0;
    }
    v->id = xstrdup(c->id);
    v->seed = o->have_seed ? o->seed : rng_os_seed();
    int rc = -1;
    char buf[4096];
    case_inst **cases = xcalloc((size_t)c->ncases + 1, sizeof(case_inst *));
    compile_result ref = {0};
    check_spec(c, v, o);

    compile_opts co = {0};
    if (compile_file(c, c->reference, &co, &ref, err) != 0)
        goto out;
    if (!ref.ok) {
        add(v, o, V_FAIL, xstrdup(ref.output), "the reference %s does not compile",
            shown(c->reference, buf, sizeof buf));
        rc = 0;    /* nothing else can be checked without it */
        goto out;
    }
    add(v, o, ref.output && *ref.output ? V_WARN : V_OK, xstrdup(ref.output),
        "the reference %s compiles%s", shown(c->reference, buf, sizeof buf),
        ref.output && *ref.output ? " with warnings" : "");

    if (!check_generators(c, v->seed, cases, v, o)) {
        rc = 0;
        goto out;
    }
    if (check_runs(c, cases, &ref, v, o, err) != 0 || cancelled(o) ||
        check_reference_grade(c, v->seed, v, o, err) != 0)
        goto out;
    if (!o->no_examples && check_examples(c, v, o, err) != 0)
        goto out;
    rc = 0;
out:
    for (int i = 0; i < c->ncases; i++)
        if (cases[i]) {
            case_inst_free(cases[i]);
            free(cases[i]);
        }
    free(cases);
    compile_result_clear(&ref);
    spec_free(c);
    v->seconds = now_seconds() - t0;
    return rc;
}

/* --- text ------------------------------------------------------------------------- */

char *vitem_text(const vitem *it, bool colour)
{
    static const char *const col[] = {"\033[32m", "\033[33m", "\033[1;31m"};
    strbuf sb = {0};
    sb_printf(&sb, "  %s%-4s%s  %s\n", colour ? col[it->verdict] : "",
              vverdict_name(it->verdict), colour ? "\033[0m" : "", it->what);
    if (it->detail) {
        /* indented under the line, one output line per detail line */
        const char *s = it->detail;
        while (*s) {
            size_t l = strcspn(s, "\n");
            sb_add(&sb, "        ");
            sb_addn(&sb, s, l);
            sb_addc(&sb, '\n');
            s += l + (s[l] == '\n');
        }
    }
    return sb_take(&sb);
}

char *validation_summary(const validation *v, bool colour)
{
    const char *name = v->id ? v->id : v->target;
    if (v->failures)
        return xasprintf("%s: %sFAILED%s (%d failure%s, %d warning%s) in %.1f s\n", name,
                         colour ? "\033[1;31m" : "", colour ? "\033[0m" : "", v->failures,
                         v->failures == 1 ? "" : "s", v->warnings,
                         v->warnings == 1 ? "" : "s", v->seconds);
    return xasprintf("%s: %sok%s (%d check%s, %d warning%s) in %.1f s\n", name,
                     colour ? "\033[32m" : "", colour ? "\033[0m" : "", v->nitems,
                     v->nitems == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s",
                     v->seconds);
}
