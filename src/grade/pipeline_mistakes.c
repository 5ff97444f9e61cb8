/* pipeline — the mistake variants stage (pipeline.h): each known mistake
 * of the challenge built as a variant of the reference, run on the same
 * cases, and named when its outputs explain the solution's failures
 * (rubric_matches_variant). */

#include "grade/pipeline.h"

#include <stdlib.h>

/* The variants that compile: cr[] and jobs[] filled, which[] their
 * mistakes' indices; returns how many. */
static int build_variants(const challenge *c, compile_result *cr, exec_job *jobs, int *which)
{
    int n = 0;
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
    return n;
}

/* Names the mistakes whose variants explain the failures, leaving out
 * those another explains better (rubric_drop_dominated), and takes back
 * what a failed check named when a variant explains it. */
static void name_variants(const evidence *ev, report *r, const exec_job *jobs,
                          const int *which, int n)
{
    const challenge *c = ev->c;
    variant_fit *fits = xcalloc((size_t)n, sizeof(variant_fit));
    for (int k = 0; k < n; k++)
        if (!jobs[k].error && !jobs[k].out_of_time)
            rubric_fit_variant(ev, r, &jobs[k], &fits[k]);
    rubric_drop_dominated(fits, n, ev->ncases);
    const char **ids = xcalloc((size_t)n, sizeof(char *));
    for (int k = 0; k < n; k++)
        ids[k] = c->mistakes[which[k]].id;
    rubric_unname_explained(r, ev, fits, ids, n);
    free(ids);
    for (int k = 0; k < n; k++) {
        if (fits[k].matches)
            report_mistake(r, c->mistakes[which[k]].id, c->mistakes[which[k]].message);
        variant_fit_clear(&fits[k]);
    }
    free(fits);
}

int pipeline_mistakes(pipeline *x, evidence *ev, report *r, md_err *err)
{
    const challenge *c = x->c;
    exec_job *jobs = xcalloc((size_t)c->nmistakes + 1, sizeof(exec_job));
    compile_result *cr = xcalloc((size_t)c->nmistakes + 1, sizeof(compile_result));
    int *which = xcalloc((size_t)c->nmistakes + 1, sizeof(int));
    int n = build_variants(c, cr, jobs, which);
    int rc = 0;
    if (n > 0) {
        exec_opts eo = pipeline_exec_options(x);
        eo.progress = NULL;
        rc = exec_run(x->lay, jobs, n, &eo, err);
        if (rc == 0)
            name_variants(ev, r, jobs, which, n);
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
