/* fixture — see fixture.h.  A fixture is a grading pipeline (pipeline.h)
 * kept after its reference stage: the reference's job stays, the
 * solution's job is redone for every build graded. */

#include "grade/fixture.h"

#include <stdlib.h>
#include <string.h>

#include "grade/elfsym.h"
#include "grade/pipeline.h"

struct fixture {
    grade_opts o;            /* what the pipeline borrows */
    pipeline x;
};

fixture *fixture_new(const challenge *c, uint64_t seed, volatile sig_atomic_t *cancel,
                     md_err *err)
{
    fixture *f = xcalloc(1, sizeof *f);
    f->o.have_seed = true;
    f->o.seed = seed;
    f->o.no_timing = true;
    f->o.trusted = true;
    f->o.cancel = cancel;
    pipeline *x = &f->x;
    x->c = c;
    x->o = &f->o;
    x->seed = seed;
    if (pipeline_find_runner(x, false, "the runner (mldrill-runner) is missing", err) != 0 ||
        pipeline_build_reference(x, err) != 0 || pipeline_instantiate(x, false, err) != 0)
        goto fail;
    x->jobs[1].so = x->ref.so_path;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    if (exec_run(x->lay, &x->jobs[1], 1, &eo, err) != 0 ||
        pipeline_check_reference_runs(x, err) != 0)
        goto fail;
    return f;
fail:
    fixture_free(f);
    return NULL;
}

void fixture_free(fixture *f)
{
    if (!f)
        return;
    pipeline_free(&f->x);
    free(f);
}

int fixture_ncases(const fixture *f)
{
    return f->x.ncases;
}

double fixture_case_wall(const fixture *f, int i)
{
    return f->x.cases[i]->spec->wall_s;
}

/* Forgets the previous build's runs, gradchecks and globals. */
static void forget_solution(pipeline *x)
{
    exec_job_clear(&x->jobs[0]);
    memset(&x->jobs[0], 0, sizeof x->jobs[0]);
    compile_result_clear(&x->sol);
    elfsym_free(x->globals, x->nglobals);
    x->globals = NULL;
    x->nglobals = 0;
    for (int i = 0; x->grad && i < x->ncases; i++)
        free(x->grad[i]);
    free(x->grad);
    x->grad = NULL;
}

/* The criteria the cases feed, scored from x's runs. */
static report *score(const pipeline *x)
{
    evidence ev = {0};
    ev.c = x->c;
    ev.cases = x->cases;
    ev.ncases = x->ncases;
    ev.user = &x->jobs[0];
    ev.ref = &x->jobs[1];
    ev.globals = x->globals;
    ev.nglobals = x->nglobals;
    ev.grad = x->grad;
    ev.alone = &x->alone_job;
    ev.alone_of = x->alone_job.runs ? x->alone_of : NULL;
    report *r = report_new(x->c);
    r->seed = x->seed;
    rubric_cases(r, &ev);
    rubric_organization(r, &ev);
    rubric_convergence(r, &ev);
    r->crit[CRIT_VECTORIZATION].skipped = "not timed in mutation testing";
    if (x->jobs[0].error)
        report_finding(&r->crit[CRIT_CORRECTNESS], NULL, "%s", x->jobs[0].error);
    rubric_total(r, x->c);
    return r;
}

report *fixture_grade(fixture *f, const char *so, const fixture_opts *o, double *wall,
                      md_err *err)
{
    pipeline *x = &f->x;
    forget_solution(x);
    f->o.cancel = o ? o->cancel : NULL;
    x->sol.so_path = xstrdup(so);
    x->jobs[0].so = x->sol.so_path;
    x->jobs[0].wall_s = o ? o->wall_s : NULL;
    x->jobs[0].stop_at_fault = o && o->stop_at_fault;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    if (exec_run(x->lay, &x->jobs[0], 1, &eo, err) != 0 || pipeline_gradchecks(x, err) != 0)
        return NULL;
    /* the models used alone only matter to a build that ran every case
     * (any other is told apart by its cases already) */
    bool all_ran = !x->jobs[0].error;
    for (int i = 0; i < x->ncases && all_ran; i++)
        all_ran = x->jobs[0].runs[i].status == XS_OK;
    exec_job_clear(&x->alone_job);
    memset(&x->alone_job, 0, sizeof x->alone_job);
    if (all_ran && pipeline_alone(x, err) != 0)
        return NULL;
    md_err e2;
    x->nglobals = elfsym_writable(so, &x->globals, &e2);
    if (x->nglobals < 0)
        x->nglobals = 0;
    for (int i = 0; wall && i < x->ncases; i++)
        wall[i] = x->jobs[0].runs[i].wall_s;
    return score(x);
}
