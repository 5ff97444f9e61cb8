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
        for (int k = 0; k < n && rc == 0; k++)
            if (!jobs[k].error && !jobs[k].out_of_time &&
                rubric_matches_variant(ev, r, &jobs[k]))
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
