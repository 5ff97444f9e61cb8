/* pipeline — see pipeline.h: the context of one grading. */

#include "grade/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "grade/elfsym.h"
#include "spec/cases.h"

void pipeline_progress(const grade_opts *o, grade_stage s, int done, int total)
{
    if (o->progress)
        o->progress(o->progress_ctx, s, done, total);
}

/* The runner's progress: only the solution's job (0) counts. */
static void exec_progress(void *p, int job, int done, int total)
{
    const grade_opts *o = p;
    if (job == 0)
        pipeline_progress(o, STAGE_CASES, done, total);
}

exec_opts pipeline_exec_options(pipeline *x)
{
    exec_opts eo = {0};
    eo.runner = x->runner;
    eo.runner_sanitize = x->runner_asan;
    eo.output_cap = 64 * 1024;
    eo.parallel = 2;
    eo.cancel = x->o->cancel;
    eo.deadline = x->deadline;
    eo.progress = exec_progress;
    eo.progress_ctx = (void *)x->o;
    return eo;
}

int pipeline_find_runner(pipeline *x, bool asan, const char *missing, md_err *err)
{
    x->runner = exec_find_runner("mldrill-runner");
    if (asan)
        x->runner_asan = exec_find_runner("mldrill-runner-asan");
    if (!x->runner)
        return md_fail(err, "%s", missing);
    return 0;
}

bool pipeline_profiling(void)
{
    const char *e = getenv("MLDRILL_NO_PROFILE");
    return !(e && *e && strcmp(e, "0") != 0);
}

void pipeline_free(pipeline *x)
{
    pipeline_alone_free(x);    /* it borrows the cases */
    free(x->runner);
    free(x->runner_asan);
    compile_result_clear(&x->sol);
    compile_result_clear(&x->ref);
    exec_job_clear(&x->jobs[0]);
    exec_job_clear(&x->jobs[1]);
    rounds_job_clear(&x->tjob);
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

int pipeline_build_reference(pipeline *x, md_err *err)
{
    compile_opts co = {0};
    co.cancel = x->o->cancel;
    if (compile_file(x->c, x->c->reference, &co, &x->ref, err) != 0)
        return -1;
    if (!x->ref.ok)
        return md_fail(err, "the reference %s does not compile:\n%s", x->c->reference,
                       x->ref.output);
    return 0;
}

int pipeline_generate(pipeline *x, case_inst *const *cases, int n, md_err *err)
{
    genprog_opts go = {x->runner, x->o->cancel};
    return genprog_fill(x->c, cases, n, &go, err);
}

/* The timing input at its largest scale as the last case (x->tcase). */
static int add_timing_case(pipeline *x, md_err *err)
{
    const challenge *c = x->c;
    const timing_spec *ts = &c->timing;
    x->tspec = ts->base;
    x->tspec.name = (char *)"timing input";
    x->tspec.crit = CRIT_CORRECTNESS;
    x->tspec.visible = false;
    x->tspec.note = (char *)"the timing input at its largest size, compared like any case";
    x->tspec.origin = CASE_TIMING;
    x->tspec.wall_s = pipeline_timing_limit(x);
    case_inst *ci = xcalloc(1, sizeof *ci);
    md_err e2;
    if (case_instantiate(c, &x->tspec, pipeline_timing_seed(c), ts->grow,
                         ts->scales[ts->nscales - 1], ci, &e2) != 0) {
        free(ci);
        return md_fail(err, "%s: timing input: %s", c->id, e2.msg);
    }
    x->tcase = x->ncases;
    x->cases[x->ncases++] = ci;
    return 0;
}

int pipeline_instantiate(pipeline *x, bool visible_only, md_err *err)
{
    const challenge *c = x->c;
    x->tcase = -1;
    x->cases = xcalloc((size_t)c->ncases + 2, sizeof(case_inst *));
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
    if (!visible_only && c->timing.enabled && c->timing.nscales > 0 &&
        add_timing_case(x, err) != 0)
        return -1;
    if (pipeline_generate(x, x->cases, x->ncases, err) != 0)
        return -1;
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    /* the timing input's calls are sampled: a solution too slow to time
     * is told where its time went all the same */
    bool prof[x->ncases + 1];
    for (int i = 0; i < x->ncases; i++)
        prof[i] = i == x->tcase && pipeline_profiling();
    lo.profile = prof;
    x->lay = layout_build(x->cases, x->ncases, &lo, err);
    return x->lay ? 0 : -1;
}

const char PIPELINE_OUT_OF_TIME[] = "the grading ran out of time";

bool pipeline_out_of_time(const pipeline *x)
{
    return x->deadline > 0 && now_seconds() >= x->deadline;
}

int pipeline_check_reference_runs(pipeline *x, md_err *err)
{
    const exec_job *j = &x->jobs[1];
    if (j->error)
        return md_fail(err, "the reference could not run: %s", j->error);
    for (int i = 0; i < x->ncases; i++) {
        if (j->runs[i].out_of_time && x->jobs[0].runs) {
            if (x->jobs[0].runs[i].status == XS_OK)
                exec_out_of_time(&x->jobs[0].runs[i], "not judged: the grading ran out "
                                                      "of time before the reference ran it");
            continue;
        }
        if (j->runs[i].status != XS_OK)
            return md_fail(err, "the reference failed on case \"%s\": %s",
                           x->cases[i]->spec->name,
                           j->runs[i].message ? j->runs[i].message : "?");
    }
    return 0;
}
