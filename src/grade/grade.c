/* grade — see grade.h.  The stages, in the order data flows:
 * compile -> instantiate cases -> run (solution and reference side by
 * side) -> rubric -> timing -> mistake variants -> total. */

#include "grade/grade.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/baseline.h"
#include "grade/compare.h"
#include "grade/elfsym.h"
#include "grade/rubric.h"
#include "run/compile.h"
#include "run/exec.h"
#include "spec/cases.h"
#include "util/rng.h"

typedef struct ctx {
    const challenge *c;
    const grade_opts *o;
    char *runner, *runner_asan;
    compile_result sol, ref;
    case_inst **cases;
    int ncases;
    layout *lay;
    exec_job jobs[2];        /* the solution, the reference */
    case_inst *tcases;       /* timing inputs, one per scale */
    int ntcases;
    layout *tlay;
    exec_job tjob;
    double *sizes;
    char **globals;
    int nglobals;
    uint64_t seed;
    cmp_outcome **grad;      /* gradcheck outcomes [case][check] */
} ctx;

static void progress(const grade_opts *o, grade_stage s, int done, int total)
{
    if (o->progress)
        o->progress(o->progress_ctx, s, done, total);
}

static void exec_progress(void *p, int job, int done, int total)
{
    const grade_opts *o = p;
    if (job == 0)
        progress(o, STAGE_CASES, done, total);
}

static exec_opts exec_options(ctx *x)
{
    exec_opts eo = {0};
    eo.runner = x->runner;
    eo.runner_sanitize = x->runner_asan;
    eo.output_cap = 64 * 1024;
    eo.parallel = 2;
    eo.cancel = x->o->cancel;
    eo.progress = exec_progress;
    eo.progress_ctx = (void *)x->o;
    return eo;
}

static void ctx_free(ctx *x)
{
    free(x->runner);
    free(x->runner_asan);
    compile_result_clear(&x->sol);
    compile_result_clear(&x->ref);
    exec_job_clear(&x->jobs[0]);
    exec_job_clear(&x->jobs[1]);
    exec_job_clear(&x->tjob);
    layout_free(x->lay);
    layout_free(x->tlay);
    for (int i = 0; i < x->ncases; i++) {
        case_inst_free(x->cases[i]);
        free(x->cases[i]);
    }
    free(x->cases);
    for (int i = 0; i < x->ntcases; i++)
        case_inst_free(&x->tcases[i]);
    free(x->tcases);
    free(x->sizes);
    elfsym_free(x->globals, x->nglobals);
    for (int i = 0; x->grad && i < x->ncases; i++)
        free(x->grad[i]);
    free(x->grad);
}

/* Compiles the reference; a reference that does not build is the
 * challenge author's problem, reported as an error. */
static int build_reference(ctx *x, md_err *err)
{
    compile_opts co = {0};
    if (compile_file(x->c, x->c->reference, &co, &x->ref, err) != 0)
        return -1;
    if (!x->ref.ok)
        return md_fail(err, "the reference %s does not compile:\n%s", x->c->reference,
                       x->ref.output);
    return 0;
}

static int instantiate(ctx *x, bool visible_only, md_err *err)
{
    const challenge *c = x->c;
    x->cases = xcalloc((size_t)c->ncases + 1, sizeof(case_inst *));
    for (int i = 0; i < c->ncases; i++) {
        const case_spec *cs = &c->cases[i];
        if (visible_only && !cs->visible)
            continue;
        case_inst *ci = xcalloc(1, sizeof *ci);
        md_err e2;
        if (case_instantiate(c, cs, x->seed, NULL, 1, ci, &e2) != 0) {
            free(ci);
            return md_fail(err, "%s: case \"%s\": %s", c->id, cs->name, e2.msg);
        }
        x->cases[x->ncases++] = ci;
    }
    if (x->ncases == 0)
        return md_fail(err, "%s has no %scases", c->id, visible_only ? "visible " : "");
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    x->lay = layout_build(x->cases, x->ncases, &lo, err);
    return x->lay ? 0 : -1;
}

/* The reference must run every case cleanly: its outputs are the truth. */
static int check_reference_runs(ctx *x, md_err *err)
{
    const exec_job *j = &x->jobs[1];
    if (j->error)
        return md_fail(err, "the reference could not run: %s", j->error);
    for (int i = 0; i < x->ncases; i++)
        if (j->runs[i].status != XS_OK)
            return md_fail(err, "the reference failed on case \"%s\": %s",
                           x->cases[i]->spec->name,
                           j->runs[i].message ? j->runs[i].message : "?");
    return 0;
}

/* The median reference time per call on the largest timing input. */
static double ref_median(const exec_job *j, int ns)
{
    const plan_tres *t = &j->tres[ns - 1];
    timing_stats st;
    timing_pairs(t->user_s, t->ref_s, (int)t->nsamples, &st);
    return st.ref_s;
}

/* Compares the reference's time with its best on this machine.  When it
 * ran well above it, something else was using the core while the rounds
 * ran: the timing is done again (a few times at most, within one more
 * timing budget) and the run whose reference was fastest kept.
 * The best is then updated for the next grading. */
#define RETIME_TRIES 3
#define RETIME_ABOVE 1.06    /* quiet rounds vary by 2-4% */

static int check_disturbance(ctx *x, evidence *ev, uint64_t tseed, const exec_opts *eo,
                             md_err *err)
{
    int ns = x->c->timing.nscales;
    char *key = baseline_key(x->ref.so_path, (unsigned long long)tseed, ns - 1);
    double best = baseline_get(key), now = ref_median(&x->tjob, ns);
    /* bursts of contention last from milliseconds to seconds: a few
     * more tries, each as long as the first, usually find a quiet one */
    double budget = x->o->timing_budget_s > 0 ? x->o->timing_budget_s : x->c->timing.budget_s;
    double start = now_seconds();
    for (int tries = 0; best > 0 && now > RETIME_ABOVE * best && tries < RETIME_TRIES &&
                        now_seconds() - start < budget;
         tries++) {
        exec_job again = {0};
        again.so = x->tjob.so;
        again.ref_so = x->tjob.ref_so;
        again.timing = true;
        if (exec_run(x->tlay, &again, 1, eo, err) != 0) {
            exec_job_clear(&again);
            free(key);
            return -1;
        }
        double now2 = again.timing_status == XS_OK ? ref_median(&again, ns) : 0;
        if (now2 > 0 && now2 < now) {
            exec_job_clear(&x->tjob);
            x->tjob = again;
            now = now2;
        } else {
            exec_job_clear(&again);
        }
        ev->retimed = true;
    }
    baseline_update(key, now);
    ev->ref_slowdown = best > 0 ? now / best : 0;
    free(key);
    return 0;
}

static int run_timing(ctx *x, evidence *ev, md_err *err)
{
    const challenge *c = x->c;
    const timing_spec *ts = &c->timing;
    int ns = ts->nscales;
    /* Timing is repeatable only if every grading of the same solution runs
     * the same process: same inputs, same order of rounds, hence the same
     * allocations at the same (non-randomised) addresses.  Speed is not a
     * secret to protect, so the timing input does not follow the hidden
     * cases' fresh seed. */
    uint64_t tseed = hash_str(hash_str(HASH_SEED, c->id), "timing");
    x->tcases = xcalloc((size_t)ns, sizeof(case_inst));
    x->sizes = xcalloc((size_t)ns, sizeof(double));
    double share[ns];
    for (int s = 0; s < ns; s++) {
        md_err e2;
        if (case_instantiate(c, &ts->base, tseed, ts->grow, ts->scales[s],
                             &x->tcases[s], &e2) != 0)
            return md_fail(err, "%s: timing input: %s", c->id, e2.msg);
        x->ntcases++;
        const value *g = ts->grow ? case_value(&x->tcases[s], ts->grow) : NULL;
        x->sizes[s] = g ? g->num : ts->scales[s];
        /* the largest size decides the points: give it half the budget */
        share[s] = ns == 1 ? 1 : s == ns - 1 ? 0.5 : 0.5 / (ns - 1);
    }
    case_inst *ptrs[ns];
    for (int s = 0; s < ns; s++)
        ptrs[s] = &x->tcases[s];
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    lo.timing = true;
    lo.timing_budget_s = x->o->timing_budget_s > 0 ? x->o->timing_budget_s : ts->budget_s;
    lo.min_round_s = 0.004;
    lo.timing_seed = tseed;
    lo.timing_share = share;
    x->tlay = layout_build(ptrs, ns, &lo, err);
    if (!x->tlay)
        return -1;
    x->tjob.so = x->sol.so_path;
    x->tjob.ref_so = x->ref.so_path;
    x->tjob.timing = true;
    x->tjob.sanitize = x->o->sanitize;
    exec_opts eo = exec_options(x);
    eo.progress = NULL;
    if (exec_run(x->tlay, &x->tjob, 1, &eo, err) != 0)
        return -1;
    ev->timing = &x->tjob;
    ev->sizes = x->sizes;
    ev->nsizes = ns;
    /* A sanitized run is slower for both sides: no baseline there. */
    if (!x->o->sanitize && x->tjob.timing_status == XS_OK)
        return check_disturbance(x, ev, tseed, &eo, err);
    return 0;
}

/* One finite-difference probe: the case with one input element moved. */
typedef struct probe {
    int ci, check;
    long long index;
    double h;
} probe;

/* gradcheck: the solution's gradient against central differences of its
 * own loss, at a few sampled entries.  Each probe is the case re-generated
 * from the same seed with one input entry moved by +h or -h; all probes run
 * in one pass of the solution. */
static int run_gradchecks(ctx *x, md_err *err)
{
    probe *pr = NULL;
    int np = 0;
    for (int i = 0; i < x->ncases; i++) {
        const case_inst *ci = x->cases[i];
        if (x->jobs[0].runs[i].status != XS_OK)
            continue;
        for (int k = 0; k < ci->nchecks; k++) {
            const check *ck = &ci->checks[k];
            if (ck->kind != CMP_GRADCHECK)
                continue;
            const value *p = case_value(ci, ck->points);
            if (!p || !p->array || p->type != VT_DOUBLE || p->count == 0)
                continue;
            rng r;
            rng_seed(&r, ci->seed ^ hash_str(HASH_SEED, ck->output));
            int m = ck->samples < p->count ? ck->samples : (int)p->count;
            for (int s = 0; s < m; s++) {
                long long idx = m == p->count ? s : rng_below(&r, p->count);
                double v = ((const double *)p->data)[idx];
                pr = xrealloc(pr, sizeof *pr * (size_t)(np + 1));
                pr[np++] = (probe){i, k, idx, ck->step * (fabs(v) > 1 ? fabs(v) : 1)};
            }
        }
    }
    if (np == 0)
        return 0;
    /* two instances per probe: +h then -h */
    case_inst **ins = xcalloc((size_t)(2 * np), sizeof *ins);
    int rc = -1;
    int built = 0;
    for (int q = 0; q < np; q++)
        for (int sgn = 0; sgn < 2; sgn++) {
            const case_inst *base = x->cases[pr[q].ci];
            case_inst *c2 = xcalloc(1, sizeof *c2);
            md_err e2;
            if (case_instantiate(x->c, base->spec, x->seed, NULL, 1, c2, &e2) != 0) {
                free(c2);
                md_fail(err, "gradcheck: %s", e2.msg);
                goto out;
            }
            value *p = case_value(c2, base->checks[pr[q].check].points);
            ((double *)p->data)[pr[q].index] += sgn ? -pr[q].h : pr[q].h;
            ins[built++] = c2;
        }
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    layout *lay = layout_build(ins, built, &lo, err);
    if (!lay)
        goto out;
    exec_job job = {0};
    job.so = x->sol.so_path;
    job.sanitize = x->o->sanitize;
    exec_opts eo = exec_options(x);
    eo.progress = NULL;
    if (exec_run(lay, &job, 1, &eo, err) != 0) {
        exec_job_clear(&job);
        layout_free(lay);
        goto out;
    }
    x->grad = xcalloc((size_t)x->ncases, sizeof *x->grad);
    for (int q = 0; q < np; q++) {
        const probe *P = &pr[q];
        const case_inst *ci = x->cases[P->ci];
        const check *ck = &ci->checks[P->check];
        if (!x->grad[P->ci]) {
            x->grad[P->ci] = xcalloc((size_t)ci->nchecks, sizeof(cmp_outcome));
            for (int k = 0; k < ci->nchecks; k++)
                x->grad[P->ci][k].ok = true;
        }
        cmp_outcome *o = &x->grad[P->ci][P->check];
        double lp, lm, g = NAN;
        const xrun *up = &job.runs[2 * q], *um = &job.runs[2 * q + 1];
        const xrun *u = &x->jobs[0].runs[P->ci];
        for (int i = 0; i < u->nvals; i++)
            if (strcmp(u->vals[i].name, ck->output) == 0)
                g = value_get(&u->vals[i], P->index);
        cmp_env ep = {ins[2 * q], up->vals, up->nvals}, em = {ins[2 * q + 1], um->vals, um->nvals};
        if (up->status != XS_OK || um->status != XS_OK || !compare_grad_loss(ck, &ep, &lp) ||
            !compare_grad_loss(ck, &em, &lm)) {
            if (o->ok) {
                o->ok = false;
                snprintf(o->message, sizeof o->message,
                         "gradcheck of %s: the loss could not be evaluated at a perturbed "
                         "input", ck->output);
            }
            continue;
        }
        double num = (lp - lm) / (2 * P->h);
        if (fabs(num - g) <= ck->atol + ck->rtol * fmax(fabs(num), fabs(g)))
            continue;
        if (o->nbad++ == 0) {
            const value *pv = case_value(ci, ck->points), *gv = NULL;
            for (int i = 0; i < u->nvals; i++)
                if (strcmp(u->vals[i].name, ck->output) == 0)
                    gv = &u->vals[i];
            char gi[128], pi[128], what[160];
            o->ok = false;
            o->index = P->index;
            if (ck->weights)
                snprintf(what, sizeof what, "sum(%s .* %s)", ck->weights, ck->loss);
            else
                snprintf(what, sizeof what, "%s", ck->loss);
            snprintf(o->message, sizeof o->message,
                     "%s is %.6g, but central differences of your %s in %s give %.6g",
                     gv ? value_index_text(gv, P->index, gi, sizeof gi) : ck->output, g,
                     what, pv ? value_index_text(pv, P->index, pi, sizeof pi) : ck->points,
                     num);
        }
    }
    exec_job_clear(&job);
    layout_free(lay);
    rc = 0;
out:
    for (int i = 0; i < built; i++) {
        case_inst_free(ins[i]);
        free(ins[i]);
    }
    free(ins);
    free(pr);
    return rc;
}

static int run_mistakes(ctx *x, evidence *ev, report *r, md_err *err)
{
    const challenge *c = x->c;
    int n = 0;
    exec_job *jobs = xcalloc((size_t)c->nmistakes + 1, sizeof(exec_job));
    compile_result *cr = xcalloc((size_t)c->nmistakes + 1, sizeof(compile_result));
    int *which = xcalloc((size_t)c->nmistakes + 1, sizeof(int));
    for (int m = 0; m < c->nmistakes; m++) {
        compile_opts co = {0};
        md_err e2;
        if (compile_mistake(c, &c->mistakes[m], &co, &cr[n], &e2) != 0 || !cr[n].ok) {
            compile_result_clear(&cr[n]);
            continue;    /* `mldrill validate` reports broken variants */
        }
        jobs[n].so = cr[n].so_path;
        which[n++] = m;
    }
    int rc = 0;
    if (n > 0) {
        exec_opts eo = exec_options(x);
        eo.progress = NULL;
        rc = exec_run(x->lay, jobs, n, &eo, err);
        for (int k = 0; k < n && rc == 0; k++)
            if (!jobs[k].error && rubric_matches_variant(ev, r, &jobs[k]))
                report_mistake(r, c->mistakes[which[k]].id, c->mistakes[which[k]].message);
    }
    for (int k = 0; k < n; k++) {
        exec_job_clear(&jobs[k]);
        compile_result_clear(&cr[k]);
    }
    free(jobs);
    free(cr);
    free(which);
    return rc;
}

/* Why a solution is not timed (shared by grade_solution and grade_timing). */
static const char NOT_TIMED_WRONG[] =
    "correctness fails first (the speed of a wrong answer tells nothing)";
static const char NOT_TIMED_SANITIZE[] = "sanitizer builds are slow by design";

static void compile_error_report(report *r, compile_result *cr)
{
    r->compile_error = true;
    r->compiler_output = cr->output;
    cr->output = NULL;
    for (int k = 0; k < CRIT_COUNT; k++) {
        if (!r->crit[k].applies)
            continue;
        r->crit[k].score = 0;
        r->crit[k].passed = false;
        r->crit[k].summary = xstrdup("not graded: the file does not compile");
    }
    report_finding(&r->crit[CRIT_CORRECTNESS], NULL,
                   "the file does not compile (see the compiler's messages)");
}

report *grade_solution(const challenge *c, const char *solution, const grade_opts *o,
                       md_err *err)
{
    double t0 = now_seconds();
    ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.o = o;
    x.seed = o->have_seed ? o->seed : rng_os_seed();
    report *r = NULL;

    x.runner = exec_find_runner("mldrill-runner");
    x.runner_asan = exec_find_runner("mldrill-runner-asan");
    if (!x.runner) {
        md_fail(err, "the runner (mldrill-runner) is missing: reinstall mldrill");
        goto fail;
    }
    progress(o, STAGE_COMPILE, 0, 1);
    compile_opts co = {0};
    co.sanitize = o->sanitize;
    co.untrusted = !o->trusted;
    if (compile_file(c, solution, &co, &x.sol, err) != 0)
        goto fail;
    r = report_new(c);
    r->seed = x.seed;
    r->visible_only = o->visible_only;
    if (!x.sol.ok) {
        compile_error_report(r, &x.sol);
        rubric_total(r, c);
        goto done;
    }
    if (x.sol.output && *x.sol.output) {
        r->compiler_output = x.sol.output;
        x.sol.output = NULL;
    }
    if (build_reference(&x, err) != 0 || instantiate(&x, o->visible_only, err) != 0)
        goto fail;
    progress(o, STAGE_CASES, 0, x.ncases);

    x.jobs[0].so = x.sol.so_path;
    x.jobs[0].sanitize = o->sanitize;
    x.jobs[1].so = x.ref.so_path;
    exec_opts eo = exec_options(&x);
    if (exec_run(x.lay, x.jobs, 2, &eo, err) != 0 || check_reference_runs(&x, err) != 0)
        goto fail;

    if (run_gradchecks(&x, err) != 0)
        goto fail;
    md_err e2;
    x.nglobals = elfsym_writable(x.sol.so_path, &x.globals, &e2);
    if (x.nglobals < 0)
        x.nglobals = 0;
    evidence ev = {0};
    ev.c = c;
    ev.cases = x.cases;
    ev.ncases = x.ncases;
    ev.user = &x.jobs[0];
    ev.ref = &x.jobs[1];
    ev.globals = x.globals;
    ev.nglobals = x.nglobals;
    ev.visible_only = o->visible_only;
    ev.grad = x.grad;

    rubric_cases(r, &ev);
    if (!o->visible_only) {
        rubric_organization(r, &ev);
        rubric_convergence(r, &ev);
        if (c->timing.enabled) {
            if (x.jobs[0].error)
                ev.not_timed = "the solution does not run";
            else if (o->no_timing)
                r->crit[CRIT_VECTORIZATION].applies = false;    /* not scored */
            else if (!r->crit[CRIT_CORRECTNESS].passed)
                ev.not_timed = NOT_TIMED_WRONG;
            else if (o->sanitize)
                ev.not_timed = NOT_TIMED_SANITIZE;
            else {
                progress(o, STAGE_TIMING, 0, 1);
                if (run_timing(&x, &ev, err) != 0)
                    goto fail;
            }
            if (r->crit[CRIT_VECTORIZATION].applies)
                rubric_vectorization(r, &ev);
        }
        rubric_named_mistakes(r, &ev);
        bool failed = false;
        for (int i = 0; i < r->ncases; i++)
            failed |= r->cases[i].status == CS_FAIL;
        if (failed && c->nmistakes > 0) {
            progress(o, STAGE_MISTAKES, 0, 1);
            if (run_mistakes(&x, &ev, r, err) != 0)
                goto fail;
        }
    }
    if (x.jobs[0].error) {
        report_finding(&r->crit[CRIT_CORRECTNESS], NULL, "%s", x.jobs[0].error);
    }
    rubric_total(r, c);
    if (x.jobs[0].output) {
        r->output = x.jobs[0].output;
        r->output_total = x.jobs[0].output_total;
        x.jobs[0].output = NULL;
    }
done:
    r->seconds = now_seconds() - t0;
    ctx_free(&x);
    return r;
fail:
    report_free(r);
    ctx_free(&x);
    return NULL;
}

int grade_timing(const challenge *c, const char *solution, const grade_opts *o,
                 report *r, md_err *err)
{
    rcriterion *v = &r->crit[CRIT_VECTORIZATION];
    /* nothing to time, or already scored (a solution that does not run) */
    if (!c->timing.enabled || c->weights[CRIT_VECTORIZATION] <= 0 || r->compile_error ||
        r->visible_only || v->applies)
        return 0;
    double t0 = now_seconds();
    ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.o = o;
    x.seed = r->seed;
    evidence ev = {0};
    ev.c = c;
    int rc = -1;
    if (!r->crit[CRIT_CORRECTNESS].passed) {
        ev.not_timed = NOT_TIMED_WRONG;
    } else if (o->sanitize) {
        ev.not_timed = NOT_TIMED_SANITIZE;
    } else {
        x.runner = exec_find_runner("mldrill-runner");
        if (!x.runner) {
            md_fail(err, "the runner (mldrill-runner) is missing: reinstall mldrill");
            goto out;
        }
        /* both builds come from the compile cache of the first stage
         * (the same options, so the same cache entry) */
        compile_opts co = {0};
        co.untrusted = !o->trusted;
        if (compile_file(c, solution, &co, &x.sol, err) != 0)
            goto out;
        if (!x.sol.ok) {
            md_fail(err, "%s no longer compiles", solution);
            goto out;
        }
        progress(o, STAGE_TIMING, 0, 1);
        if (build_reference(&x, err) != 0 || run_timing(&x, &ev, err) != 0)
            goto out;
    }
    v->applies = true;
    v->score = 0;
    v->max = c->weights[CRIT_VECTORIZATION];
    rubric_vectorization(r, &ev);
    rubric_total(r, c);
    r->seconds += now_seconds() - t0;
    rc = 0;
out:
    ctx_free(&x);
    return rc;
}

int grade_check_reference(const challenge *c, md_err *err)
{
    ctx x;
    memset(&x, 0, sizeof x);
    grade_opts o = {0};
    x.c = c;
    x.o = &o;
    x.seed = rng_os_seed();
    x.runner = exec_find_runner("mldrill-runner");
    int rc = -1;
    if (!x.runner) {
        md_fail(err, "the runner (mldrill-runner) is missing");
        goto out;
    }
    if (build_reference(&x, err) != 0 || instantiate(&x, false, err) != 0)
        goto out;
    x.jobs[1].so = x.ref.so_path;
    exec_opts eo = exec_options(&x);
    eo.progress = NULL;
    if (exec_run(x.lay, &x.jobs[1], 1, &eo, err) != 0 || check_reference_runs(&x, err) != 0)
        goto out;
    rc = 0;
out:
    ctx_free(&x);
    return rc;
}
