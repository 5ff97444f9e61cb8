/* grade — see grade.h.  The stages, in the order data flows:
 * compile -> instantiate cases -> run (solution and reference side by
 * side) -> gradchecks -> rubric -> timing -> mistake variants -> total.
 * The stages that run more processes live in pipeline_*.c (pipeline.h);
 * this file sequences them. */

#include "grade/grade.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grade/elfsym.h"
#include "grade/hot.h"
#include "grade/pipeline.h"
#include "grade/shrink.h"
#include "util/rng.h"

static const char MISSING_RUNNER[] = "the runner (mldrill-runner) is missing: reinstall mldrill";

/* Why a solution is not timed (shared by grade_solution and grade_timing). */
static const char NOT_TIMED_WRONG[] =
    "correctness fails first (the speed of a wrong answer tells nothing)";
/* Not graded at all: the other criteria keep their points, and the total
 * leaves vectorization's share out (rubric_total). */
static const char SKIPPED_NO_TIMING[] = "--no-timing";
static const char SKIPPED_SANITIZE[] = "--sanitize: sanitizer builds are slow by design";

/* A context for one grading of challenge c with options o. */
static void pipeline_init(pipeline *x, const challenge *c, const grade_opts *o, uint64_t seed)
{
    memset(x, 0, sizeof *x);
    x->c = c;
    x->o = o;
    x->seed = seed;
    x->tcase = -1;
}

/* The report of a file that does not compile: every criterion lost. */
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

double grade_budget_s(const challenge *c, const grade_opts *o)
{
    /* the timing's own limit, as the timing stage and the timing input's
     * case get it */
    pipeline t = {.c = c, .o = o};
    double stretch = o->sanitize ? EXEC_SANITIZE_SLOWDOWN : 1, tlimit = pipeline_timing_limit(&t);
    bool tcase = !o->visible_only && c->timing.enabled && c->timing.nscales > 0;
    double sum = tcase ? tlimit * stretch : 0, most = sum;
    for (int i = 0; i < c->ncases; i++) {
        if (o->visible_only && !c->cases[i].visible)
            continue;
        double w = c->cases[i].wall_s * stretch;
        sum += w;
        most = fmax(most, w);
    }
    double b = EXEC_LOAD_LIMIT_S + 2 * most + sum / 4;
    if (tcase && !o->no_timing && !o->sanitize)
        b += EXEC_LOAD_LIMIT_S + tlimit;    /* the rounds: loading, their limit */
    return b;
}

/* Runs the solution and the reference on every case, side by side, then
 * the gradchecks and the models used alone, and lists the solution's
 * writable globals.  The grading's deadline is fixed here, once, before
 * any runner starts: nothing a runner says moves it. */
static int run_cases(pipeline *x, md_err *err)
{
    const grade_opts *o = x->o;
    if (pipeline_build_reference(x, err) != 0 ||
        pipeline_instantiate(x, o->visible_only, err) != 0)
        return -1;
    x->deadline = now_seconds() + grade_budget_s(x->c, o);
    pipeline_progress(o, STAGE_CASES, 0, x->ncases);
    x->jobs[0].so = x->sol.so_path;
    x->jobs[0].sanitize = o->sanitize;
    x->jobs[1].so = x->ref.so_path;
    exec_opts eo = pipeline_exec_options(x);
    if (exec_run(x->lay, x->jobs, 2, &eo, err) != 0 ||
        pipeline_check_reference_runs(x, err) != 0)
        return -1;
    if (pipeline_gradchecks(x, err) != 0 || pipeline_alone(x, err) != 0)
        return -1;
    md_err e2;
    x->nglobals = elfsym_writable(x->sol.so_path, &x->globals, &e2);
    if (x->nglobals < 0)
        x->nglobals = 0;
    return 0;
}

/* The evidence the rubric scores, pointing into x. */
static evidence evidence_of(const pipeline *x)
{
    evidence ev = {0};
    ev.c = x->c;
    ev.cases = x->cases;
    ev.ncases = x->ncases;
    ev.user = &x->jobs[0];
    ev.ref = &x->jobs[1];
    ev.globals = x->globals;
    ev.nglobals = x->nglobals;
    ev.visible_only = x->o->visible_only;
    ev.grad = x->grad;
    ev.alone = &x->alone_job;
    ev.alone_of = x->alone_job.runs ? x->alone_of : NULL;
    return ev;
}

/* Where a solution that lost vectorization points spends its time: the
 * samples of the timing input's case and of the timing rounds, mapped to
 * its lines (hot.h).  Nothing when it lost no points or nothing was
 * sampled; a build that cannot be read names no line. */
#define HOT_LINES 5

static void name_hot_lines(const pipeline *x, report *r, const char *solution)
{
    const rcriterion *v = &r->crit[CRIT_VECTORIZATION];
    /* no build: grade_timing did not time a wrong answer */
    if (!v->applies || v->score >= v->max || r->nhot || !x->sol.so_path)
        return;
    md_err e2;
    hot *h = hot_new(x->sol.so_path, solution, &e2);
    if (!h)
        return;
    if (x->jobs[0].prof)
        hot_add(h, x->jobs[0].prof);
    if (x->tjob.prof)
        hot_add(h, x->tjob.prof);
    if (hot_samples(h) > 0)
        r->nhot = hot_top(h, HOT_LINES, &r->hot);
    hot_free(h);
}

/* Vectorization: times the solution, or says why it is not timed, or
 * skips the criterion (--no-timing, --sanitize), then scores it. */
static int score_timing(pipeline *x, evidence *ev, report *r, md_err *err)
{
    const grade_opts *o = x->o;
    rcriterion *v = &r->crit[CRIT_VECTORIZATION];
    if (x->jobs[0].error)
        ev->not_timed = "the solution does not run";
    else if (o->sanitize)
        v->skipped = SKIPPED_SANITIZE;
    else if (o->no_timing)
        v->skipped = SKIPPED_NO_TIMING;
    else if (!r->crit[CRIT_CORRECTNESS].passed)
        ev->not_timed = NOT_TIMED_WRONG;
    else if (pipeline_out_of_time(x))
        ev->not_timed = PIPELINE_OUT_OF_TIME;
    else if (x->tcase >= 0 && x->jobs[0].runs[x->tcase].status == XS_TIMEOUT)
        ;    /* too slow for the timing input: rubric_vectorization says so */
    else {
        pipeline_progress(o, STAGE_TIMING, 0, 1);
        if (pipeline_timing(x, ev, err) != 0)
            return -1;
        rubric_timing_rounds(r, ev);
    }
    if (v->skipped) {
        v->score = 0;
        v->passed = false;
        v->summary = xasprintf("not timed (%s)", v->skipped);
    } else if (v->applies) {
        rubric_vectorization(r, ev);
    }
    return 0;
}

/* The criteria beyond the cases (a full grading, not `run`): organization,
 * convergence, vectorization, then the mistakes the failures show. */
static int score_full(pipeline *x, evidence *ev, report *r, md_err *err)
{
    const challenge *c = x->c;
    rubric_organization(r, ev);
    rubric_convergence(r, ev);
    if (c->timing.enabled && score_timing(x, ev, r, err) != 0)
        return -1;
    rubric_named_mistakes(r, ev);
    bool failed = false;
    for (int i = 0; i < r->ncases; i++)
        failed |= r->cases[i].status == CS_FAIL;
    /* the extras (known mistakes, smaller cases) only within the budget */
    if (pipeline_out_of_time(x))
        return 0;
    if (failed && c->nmistakes > 0 && rubric_any_ran(ev)) {
        pipeline_progress(x->o, STAGE_MISTAKES, 0, 1);
        if (pipeline_mistakes(x, ev, r, err) != 0)
            return -1;
    }
    /* the failed hidden cases, smaller */
    if (!x->o->no_shrink && shrink_failed_cases(x, r, err) != 0)
        return -1;
    return 0;
}

/* Scores the runs into r, totals it and hands it the solution's output. */
static int score(pipeline *x, report *r, md_err *err)
{
    evidence ev = evidence_of(x);
    rubric_cases(r, &ev);
    if (!x->o->visible_only && score_full(x, &ev, r, err) != 0)
        return -1;
    if (x->jobs[0].error)
        report_finding(&r->crit[CRIT_CORRECTNESS], NULL, "%s", x->jobs[0].error);
    rubric_total(r, x->c);
    if (x->jobs[0].output) {
        r->output = x->jobs[0].output;
        r->output_total = x->jobs[0].output_total;
        x->jobs[0].output = NULL;
    }
    return 0;
}

report *grade_solution(const challenge *c, const char *solution, const grade_opts *o,
                       md_err *err)
{
    double t0 = now_seconds();
    pipeline x;
    pipeline_init(&x, c, o, o->have_seed ? o->seed : rng_os_seed());
    report *r = NULL;
    if (pipeline_find_runner(&x, true, MISSING_RUNNER, err) != 0)
        goto fail;
    pipeline_progress(o, STAGE_COMPILE, 0, 1);
    compile_opts co = {0};
    co.sanitize = o->sanitize;
    co.untrusted = !o->trusted;
    co.cancel = o->cancel;    /* Ctrl-C kills the compiler too */
    if (compile_file(c, solution, &co, &x.sol, err) != 0)
        goto fail;
    r = report_new(c);
    r->seed = x.seed;
    r->solution = xstrdup(solution);
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
    if (run_cases(&x, err) != 0 || score(&x, r, err) != 0)
        goto fail;
    name_hot_lines(&x, r, solution);
done:
    r->seconds = now_seconds() - t0;
    pipeline_free(&x);
    return r;
fail:
    report_free(r);
    pipeline_free(&x);
    return NULL;
}

/* Times a solution already graded correct: rebuilds both sides (from the
 * compile cache) and runs the timing stage. */
static int time_again(pipeline *x, const char *solution, evidence *ev, md_err *err)
{
    if (pipeline_find_runner(x, false, MISSING_RUNNER, err) != 0)
        return -1;
    /* both builds come from the compile cache of the first stage
     * (the same options, so the same cache entry) */
    compile_opts co = {0};
    co.untrusted = !x->o->trusted;
    co.cancel = x->o->cancel;
    if (compile_file(x->c, solution, &co, &x->sol, err) != 0)
        return -1;
    if (!x->sol.ok)
        return md_fail(err, "%s no longer compiles", solution);
    pipeline_progress(x->o, STAGE_TIMING, 0, 1);
    if (pipeline_build_reference(x, err) != 0 || pipeline_timing(x, ev, err) != 0)
        return -1;
    return 0;
}

int grade_timing(const challenge *c, const char *solution, const grade_opts *o,
                 report *r, md_err *err)
{
    rcriterion *v = &r->crit[CRIT_VECTORIZATION];
    /* nothing to time, already scored (a solution that does not run), or
     * skipped for good (--sanitize) */
    if (!c->timing.enabled || !v->applies || r->compile_error || r->visible_only ||
        v->skipped != SKIPPED_NO_TIMING)
        return 0;
    double t0 = now_seconds();
    pipeline x;
    pipeline_init(&x, c, o, r->seed);
    evidence ev = {0};
    ev.c = c;
    int rc = -1;
    bool too_slow = false;
    for (int i = 0; i < r->ncases; i++)
        too_slow |= r->cases[i].timing_input && r->cases[i].status == CS_TIMEOUT;
    if (!r->crit[CRIT_CORRECTNESS].passed)
        ev.not_timed = NOT_TIMED_WRONG;
    else if (!too_slow && time_again(&x, solution, &ev, err) != 0)
        goto out;
    v->skipped = NULL;
    v->score = 0;
    free(v->summary);
    v->summary = NULL;
    rubric_timing_rounds(r, &ev);
    rubric_vectorization(r, &ev);
    rubric_total(r, c);
    name_hot_lines(&x, r, solution);
    r->seconds += now_seconds() - t0;
    rc = 0;
out:
    pipeline_free(&x);
    return rc;
}

int grade_check_reference(const challenge *c, md_err *err)
{
    grade_opts o = {0};
    pipeline x;
    pipeline_init(&x, c, &o, rng_os_seed());
    int rc = -1;
    if (pipeline_find_runner(&x, false, "the runner (mldrill-runner) is missing", err) != 0)
        goto out;
    if (pipeline_build_reference(&x, err) != 0 || pipeline_instantiate(&x, false, err) != 0)
        goto out;
    x.jobs[1].so = x.ref.so_path;
    exec_opts eo = pipeline_exec_options(&x);
    eo.progress = NULL;
    if (exec_run(x.lay, &x.jobs[1], 1, &eo, err) != 0 ||
        pipeline_check_reference_runs(&x, err) != 0)
        goto out;
    rc = 0;
out:
    pipeline_free(&x);
    return rc;
}

int grade_check_inputs(const challenge *c, uint64_t seed, md_err *err)
{
    for (int i = 0; i < c->ncases; i++) {
        case_inst ci;
        md_err e2;
        if (case_instantiate(c, &c->cases[i], seed, NULL, 1, &ci, &e2) != 0)
            return md_fail(err, "%s: case \"%s\": %s", c->id, c->cases[i].name, e2.msg);
        case_inst_free(&ci);
    }
    const timing_spec *ts = &c->timing;
    for (int s = 0; ts->enabled && s < ts->nscales; s++) {
        case_inst ci;
        md_err e2;
        if (case_instantiate(c, &ts->base, pipeline_timing_seed(c), ts->grow, ts->scales[s],
                             &ci, &e2) != 0)
            return md_fail(err, "%s: timing input: %s", c->id, e2.msg);
        case_inst_free(&ci);
    }
    return 0;
}
