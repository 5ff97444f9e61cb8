/* validate_runs — the steps that build and run the reference and the
 * mistake variants (validate_step.h): the reference compiles, runs every
 * case cleanly, gives finite outputs on the stability cases and passes
 * when graded as a solution; every variant compiles and differs from it. */
#include "instructor/validate_step.h"

#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "grade/grade.h"
#include "run/exec.h"
#include "run/layout.h"

/* The reference timed against itself should come out near 1x; outside
 * this band the machine is too noisy for the vectorization verdicts. */
#define SELF_RATIO_LO 0.67
#define SELF_RATIO_HI 1.5

/* --- the reference builds ----------------------------------------------------- */

vstep_rc vstep_build(vctx *x)
{
    const challenge *c = x->c;
    char buf[4096];
    compile_opts co = {0};
    if (compile_file(c, c->reference, &co, &x->ref, x->err) != 0)
        return VSTEP_ERROR;
    const char *out = x->ref.output;
    if (!x->ref.ok) {
        vstep_add(x, V_FAIL, xstrdup(out), "the reference %s does not compile",
                  path_shown(c->reference, buf, sizeof buf));
        return VSTEP_STOP;    /* nothing else can be checked without it */
    }
    vstep_add(x, out && *out ? V_WARN : V_OK, xstrdup(out), "the reference %s compiles%s",
              path_shown(c->reference, buf, sizeof buf),
              out && *out ? " with warnings" : "");
    return VSTEP_NEXT;
}

/* --- the reference and the mistake variants on the cases ----------------------- */

/* The reference and the mistake variants that compile, as exec jobs. */
typedef struct variants {
    exec_job *jobs;          /* job 0 is the reference, then the variants */
    compile_result *cr;      /* c->nmistakes + 1: cr[k] built jobs[k] (k >= 1) */
    int *which;              /* which[k]: the mistake of jobs[k] */
    int njobs;
} variants;

static void variants_clear(variants *vs, int nmistakes)
{
    for (int k = 0; k < vs->njobs; k++)
        exec_job_clear(&vs->jobs[k]);
    for (int k = 0; k <= nmistakes; k++)
        compile_result_clear(&vs->cr[k]);
    free(vs->jobs);
    free(vs->cr);
    free(vs->which);
}

/* Job 0 is the reference; then every mistake variant that compiles (one
 * that does not is a failure).  -1 with x->err when compiling could not
 * run at all. */
static int build_variants(vctx *x, variants *vs)
{
    const challenge *c = x->c;
    char buf[4096];
    vs->jobs = xcalloc((size_t)c->nmistakes + 1, sizeof(exec_job));
    vs->cr = xcalloc((size_t)c->nmistakes + 1, sizeof(compile_result));
    vs->which = xcalloc((size_t)c->nmistakes + 1, sizeof(int));
    vs->njobs = 1;
    vs->jobs[0].so = x->ref.so_path;
    for (int m = 0; m < c->nmistakes; m++) {
        const mistake_spec *ms = &c->mistakes[m];
        compile_result *cr = &vs->cr[vs->njobs];
        compile_opts co = {0};
        int crc = compile_mistake(c, ms, &co, cr, x->err);
        if (crc == 1)
            continue;
        if (crc != 0)
            return -1;
        if (!cr->ok) {
            vstep_add(x, V_FAIL, xstrdup(cr->output), "mistake %s: %s%s does not compile",
                      ms->id, path_shown(compile_mistake_file(c, ms), buf, sizeof buf),
                      ms->source ? "" : " with the mistake's site on");
            compile_result_clear(cr);
            continue;
        }
        vs->jobs[vs->njobs].so = cr->so_path;
        vs->which[vs->njobs++] = m;
    }
    return 0;
}

/* Runs every job on every case of the layout, two at a time. */
static int run_variants(vctx *x, const layout *lay, variants *vs)
{
    exec_opts eo = {0};
    eo.runner = exec_find_runner("mldrill-runner");
    eo.output_cap = 16 * 1024;
    eo.parallel = 2;
    eo.cancel = x->o->cancel;
    if (!eo.runner)
        return md_fail(x->err, "the runner (mldrill-runner) is missing");
    int rc = exec_run(lay, vs->jobs, vs->njobs, &eo, x->err);
    free((char *)eo.runner);
    return rc;
}

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

/* The reference: every case runs; stability outputs are finite. */
static void check_reference_runs(vctx *x, const exec_job *ref)
{
    const challenge *c = x->c;
    strbuf bad = {0}, nonfinite = {0};
    int nstab = 0;
    if (ref->error)
        sb_printf(&bad, "%s\n", ref->error);
    for (int i = 0; i < c->ncases && !ref->error; i++) {
        const xrun *run = &ref->runs[i];
        if (run->status != XS_OK) {
            sb_printf(&bad, "case \"%s\": %s\n", c->cases[i].name,
                      run->message ? run->message : xstatus_name(run->status));
        } else if (c->cases[i].crit == CRIT_STABILITY) {
            nstab++;
            check_finite(x->cases[i], run, &nonfinite);
        }
    }
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad), "the reference does not run every case cleanly");
    else
        vstep_add(x, V_OK, NULL, "the reference runs all %d cases", c->ncases);
    if (nonfinite.len)
        vstep_add(x, V_FAIL, sb_take(&nonfinite),
                  "the reference's outputs are not finite on stability cases");
    else if (nstab)
        vstep_add(x, V_OK, NULL,
                  "the reference's outputs are finite on the %d stability case%s", nstab,
                  nstab == 1 ? "" : "s");
    sb_free(&bad);
    sb_free(&nonfinite);
}

/* Every variant makes a difference somewhere. */
static void check_variants(vctx *x, const variants *vs)
{
    const challenge *c = x->c;
    const exec_job *ref = &vs->jobs[0];
    for (int k = 1; k < vs->njobs; k++) {
        const char *id = c->mistakes[vs->which[k]].id;
        if (vs->jobs[k].error) {
            vstep_add(x, V_FAIL, NULL, "mistake %s could not run: %s", id, vs->jobs[k].error);
            continue;
        }
        int differ = 0;
        for (int i = 0; i < c->ncases && !ref->error; i++)
            differ += ref->runs[i].status == XS_OK &&
                      run_differs(x->cases[i], &vs->jobs[k].runs[i], &ref->runs[i]);
        if (differ == 0)
            vstep_add(x, V_FAIL, NULL,
                      "mistake %s behaves like the reference on all %d cases: no case "
                      "catches it (add a case where it goes wrong)",
                      id, c->ncases);
        else
            vstep_add(x, V_OK, NULL, "mistake %s differs from the reference on %d of %d cases",
                      id, differ, c->ncases);
    }
}

/* Whether case cs lists mistake id among those it must provoke. */
static bool lists(const case_spec *cs, const char *id)
{
    for (int p = 0; p < cs->nprovokes; p++)
        if (strcmp(cs->provokes[p], id) == 0)
            return true;
    return false;
}

/* Whether mistake id has a variant among vs's (a site or a source). */
static bool has_variant(const challenge *c, const variants *vs, const char *id)
{
    for (int k = 1; k < vs->njobs; k++)
        if (strcmp(c->mistakes[vs->which[k]].id, id) == 0)
            return true;
    return false;
}

/* Each case's "provokes": every mistake listed makes the case fail (one
 * with no variant to build is a warning: nothing can check it); a
 * stability case with no list (an empty one says no declared mistake
 * shows there) is named with the variants it fails. */
static void check_provoked(vctx *x, const variants *vs)
{
    const challenge *c = x->c;
    const exec_job *ref = &vs->jobs[0];
    int listed = 0, held = 0;
    for (int i = 0; i < c->ncases; i++)
        for (int p = 0; p < c->cases[i].nprovokes; p++)
            if (!has_variant(c, vs, c->cases[i].provokes[p]))
                vstep_add(x, V_WARN, NULL,
                          "case \"%s\" must provoke mistake %s, which has no variant that "
                          "builds (no site in the model answer, no source): nothing checks it",
                          c->cases[i].name, c->cases[i].provokes[p]);
    for (int i = 0; i < c->ncases && !ref->error; i++) {
        const case_spec *cs = &c->cases[i];
        if (ref->runs[i].status != XS_OK)
            continue;
        listed += cs->nprovokes;
        strbuf failed_by = {0};
        for (int k = 1; k < vs->njobs; k++) {
            const char *id = c->mistakes[vs->which[k]].id;
            bool differs = !vs->jobs[k].error &&
                           run_differs(x->cases[i], &vs->jobs[k].runs[i], &ref->runs[i]);
            held += differs && lists(cs, id);
            if (differs)
                sb_printf(&failed_by, "%s%s", failed_by.len ? ", " : "", id);
            else if (lists(cs, id))
                vstep_add(x, V_FAIL, NULL,
                          "mistake %s passes case \"%s\", which must provoke it "
                          "(\"provokes\"): change the case so that the mistake shows",
                          id, cs->name);
        }
        if (cs->crit == CRIT_STABILITY && !cs->provokes && c->nmistakes > 0)
            vstep_add(x, V_WARN, NULL,
                      "stability case \"%s\" lists no mistake it must provoke "
                      "(\"provokes\"; the variants it fails: %s)",
                      cs->name, failed_by.len ? sb_str(&failed_by) : "none");
        sb_free(&failed_by);
    }
    if (listed > 0 && held == listed)
        vstep_add(x, V_OK, NULL, "each case fails with every mistake it must provoke (%d listed)",
                  listed);
}

vstep_rc vstep_runs(vctx *x)
{
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    layout *lay = layout_build(x->cases, x->c->ncases, &lo, x->err);
    if (!lay)
        return VSTEP_ERROR;
    variants vs = {0};
    int rc = build_variants(x, &vs);
    if (rc == 0)
        rc = run_variants(x, lay, &vs);
    if (rc == 0) {
        check_reference_runs(x, &vs.jobs[0]);
        check_variants(x, &vs);
        check_provoked(x, &vs);
    }
    variants_clear(&vs, x->c->nmistakes);
    layout_free(lay);
    return rc == 0 ? VSTEP_NEXT : VSTEP_ERROR;
}

/* --- the reference graded as a solution ------------------------------------------ */

/* The reference graded as a solution must pass everything: this checks at
 * once that it is deterministic (two processes agree), that its own
 * checks, convergence and gradients hold, that it is well organised, and
 * that timing it against itself gives about 1x. */
vstep_rc vstep_graded(vctx *x)
{
    grade_opts go = {0};
    go.have_seed = true;
    go.seed = x->v->seed;
    go.timing_budget_s = x->o->timing_budget_s;
    go.cancel = x->o->cancel;
    go.trusted = true;    /* it is the reference: it may include its headers */
    go.no_shrink = true;
    md_err e;
    report *r = grade_solution(x->c, x->c->reference, &go, &e);
    if (!r) {
        if (vstep_cancelled(x)) {
            md_fail(x->err, "cancelled");
            return VSTEP_ERROR;
        }
        vstep_add(x, V_FAIL, NULL, "grading the reference as a solution failed: %s", e.msg);
        return VSTEP_NEXT;
    }
    strbuf bad = {0};
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (cr->applies && !cr->passed)
            sb_printf(&bad, "%s%s", bad.len ? ", " : "", criterion_name((criterion)k));
    }
    if (bad.len || !r->passed) {
        vstep_add(x, V_FAIL, report_text(r, false),
                  "the reference, graded as a solution, does not pass%s%s (score %.0f)",
                  bad.len ? ": " : "", sb_str(&bad), r->score);
    } else if (r->timed) {
        vstep_add(x, V_OK, NULL,
                  "the reference, graded as a solution, scores %.0f; against itself it "
                  "times at %.2fx (middle half %.2f-%.2f)",
                  r->score, r->tstats.ratio, r->tstats.q1, r->tstats.q3);
        if (r->tstats.ratio < SELF_RATIO_LO || r->tstats.ratio > SELF_RATIO_HI)
            vstep_add(x, V_WARN, NULL,
                      "timing is noisy here: the reference against itself came out at %.2fx, "
                      "so vectorization verdicts may be off (is the machine busy?)",
                      r->tstats.ratio);
    } else {
        vstep_add(x, V_OK, NULL, "the reference, graded as a solution, scores %.0f", r->score);
    }
    sb_free(&bad);
    report_free(r);
    return VSTEP_NEXT;
}
