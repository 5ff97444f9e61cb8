/* genprog — see genprog.h.  The programs become a challenge of their own
 * (their signatures are its functions), each pending input a case of it
 * with one call, and the usual layout and exec machinery runs them. */

#include "run/genprog.h"

#include <stdlib.h>
#include <string.h>

#include "run/compile.h"
#include "run/exec.h"
#include "spec/gen.h"

/* One grading's pending inputs as runs of the programs. */
typedef struct gplan {
    challenge pc;            /* the programs as a challenge (functions borrowed) */
    call *calls;             /* [prog]: one call of it */
    case_spec *specs;        /* [run]: its name and wall-clock limit */
    case_inst *runs;         /* [run] */
    case_inst **ptrs;
    int *of_case, *of_pending;   /* [run]: the case and pending input it fills */
    int nruns;
} gplan;

int genprog_pending(case_inst *const *cases, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += cases[i]->npending;
    return total;
}

static value *add_val(case_inst *ci, const char *name)
{
    value *v = &ci->vals[ci->nvals++];
    memset(v, 0, sizeof *v);
    v->name = xstrdup(name);
    return v;
}

static void add_num(case_inst *ci, const char *name, vtype t, double num)
{
    value *v = add_val(ci, name);
    v->role = ROLE_VAR;
    v->type = t;
    v->num = num;
    v->present = true;
}

/* Run k: the program of pending input p of case ci, as a case of the
 * programs' challenge with seed, rows, cols, the program's own parameters
 * and the output. */
static void add_run(gplan *g, const case_inst *ci, int p)
{
    const case_pending *pd = &ci->pending[p];
    const value *in = &ci->vals[pd->val];
    const function *f = &g->pc.functions[pd->gen->prog];
    int k = g->nruns++;
    case_spec *cs = &g->specs[k];
    cs->name = xasprintf("%s: input %s", ci->spec->name, in->name);
    cs->wall_s = ci->spec->wall_s > 0 ? ci->spec->wall_s : ci->ch->wall_s;
    case_inst *gi = &g->runs[k];
    gi->ch = &g->pc;
    gi->spec = cs;
    gi->calls = &g->calls[pd->gen->prog];
    gi->ncalls = 1;
    gi->vals = xcalloc((size_t)f->nparams + 1, sizeof(value));
    add_num(gi, "seed", VT_INT, pd->seed);
    add_num(gi, "rows", VT_INT, (double)value_rows(in));
    add_num(gi, "cols", VT_INT, (double)value_cols(in));
    for (int a = 0; a < pd->nargs; a++)
        add_num(gi, f->params[GEN_PROG_FIXED + a].name, f->params[GEN_PROG_FIXED + a].type,
                pd->args[a]);
    value *out = add_val(gi, "out");
    out->role = ROLE_OUTPUT;
    out->type = VT_DOUBLE;
    out->array = true;
    out->ndim = 2;
    out->dims[0] = value_rows(in);
    out->dims[1] = value_cols(in);
    out->count = in->count;
    out->data = xcalloc((size_t)(in->count ? in->count : 1), sizeof(double));
}

/* The plan of every pending input with elements (an empty one needs no
 * run); of_case and of_pending say where each run's output goes. */
static void gplan_build(gplan *g, const challenge *c, case_inst *const *cases, int n,
                        int total)
{
    memset(g, 0, sizeof *g);
    g->pc.id = xasprintf("%s_generators", c->id);
    g->pc.functions = c->generators;
    g->pc.nfunctions = c->ngenerators;
    g->pc.memory_mb = c->memory_mb;
    g->pc.wall_s = c->wall_s;
    g->calls = xcalloc((size_t)c->ngenerators + 1, sizeof(call));
    for (int i = 0; i < c->ngenerators; i++)
        g->calls[i].fn = i;
    g->specs = xcalloc((size_t)total + 1, sizeof(case_spec));
    g->runs = xcalloc((size_t)total + 1, sizeof(case_inst));
    g->ptrs = xcalloc((size_t)total + 1, sizeof(case_inst *));
    g->of_case = xcalloc((size_t)total + 1, sizeof(int));
    g->of_pending = xcalloc((size_t)total + 1, sizeof(int));
    for (int i = 0; i < n; i++)
        for (int p = 0; p < cases[i]->npending; p++) {
            if (cases[i]->pending[p].deferred ||
                cases[i]->vals[cases[i]->pending[p].val].count == 0)
                continue;
            g->of_case[g->nruns] = i;
            g->of_pending[g->nruns] = p;
            g->ptrs[g->nruns] = &g->runs[g->nruns];
            add_run(g, cases[i], p);
        }
}

static void gplan_free(gplan *g)
{
    for (int k = 0; k < g->nruns; k++) {
        case_inst_free(&g->runs[k]);
        free(g->specs[k].name);
    }
    free(g->pc.id);
    free(g->calls);
    free(g->specs);
    free(g->runs);
    free(g->ptrs);
    free(g->of_case);
    free(g->of_pending);
}

/* The output a run collected, or NULL. */
static const value *run_output(const xrun *x)
{
    for (int i = 0; i < x->nvals; i++)
        if (strcmp(x->vals[i].name, "out") == 0 && x->vals[i].type == VT_DOUBLE &&
            x->vals[i].array)
            return &x->vals[i];
    return NULL;
}

/* Each run's output into its pending input: the run ended cleanly and
 * wrote a full buffer of finite numbers, else an error naming it. */
static int take_outputs(const challenge *c, const gplan *g, const exec_job *job,
                        case_inst *const *cases, md_err *err)
{
    if (job->error)
        return md_fail(err, "the generator programs of %s could not run: %s", path_basename(c->gen_source),
                       job->error);
    for (int k = 0; k < g->nruns; k++) {
        const xrun *x = &job->runs[k];
        case_inst *ci = cases[g->of_case[k]];
        const case_pending *pd = &ci->pending[g->of_pending[k]];
        const char *prog = g->pc.functions[pd->gen->prog].name;
        const value *out = run_output(x);
        if (x->status != XS_OK || !out || out->count != ci->vals[pd->val].count)
            return md_fail(err, "generator program %s, case \"%s\", input \"%s\": %s", prog,
                           ci->spec->name, ci->vals[pd->val].name,
                           x->message ? x->message : "wrote no output");
        md_err e2;
        if (case_fill_pending(ci, g->of_pending[k], out->data, &e2) != 0)
            return md_fail(err, "generator program %s, case \"%s\": %s", prog,
                           ci->spec->name, e2.msg);
    }
    return 0;
}

/* Compiles the programs and runs the plan in one runner process. */
static int run_plan(const challenge *c, gplan *g, const genprog_opts *o, exec_job *job,
                    md_err *err)
{
    compile_opts co = {0};
    compile_result cr = {0};
    if (compile_file(&g->pc, c->gen_source, &co, &cr, err) != 0)
        return -1;
    int rc = 0;
    char *runner = o && o->runner ? xstrdup(o->runner) : exec_find_runner("mldrill-runner");
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    layout *lay = NULL;
    if (!cr.ok)
        rc = md_fail(err, "the generator programs %s do not compile:\n%s", c->gen_source,
                     cr.output ? cr.output : "");
    else if (!runner)
        rc = md_fail(err, "mldrill-runner is not installed: the generator programs cannot run");
    else if (!(lay = layout_build(g->ptrs, g->nruns, &lo, err)))
        rc = -1;
    if (rc == 0) {
        exec_opts eo = {0};
        eo.runner = runner;
        eo.parallel = 1;
        eo.cancel = o ? o->cancel : NULL;
        job->so = cr.so_path;
        rc = exec_run(lay, job, 1, &eo, err);
    }
    layout_free(lay);
    free(runner);
    compile_result_clear(&cr);
    return rc;
}

int genprog_fill(const challenge *c, case_inst *const *cases, int n, const genprog_opts *o,
                 md_err *err)
{
    int total = genprog_pending(cases, n);
    if (total == 0)
        return 0;
    if (!c->gen_source || c->ngenerators == 0)
        return md_fail(err, "%s: inputs wait for generator programs it does not have", c->id);
    gplan g;
    gplan_build(&g, c, cases, n, total);
    exec_job job = {0};
    int rc = 0;
    if (g.nruns > 0)
        rc = run_plan(c, &g, o, &job, err) != 0 ? -1 : take_outputs(c, &g, &job, cases, err);
    /* then what derives from the programs' inputs */
    for (int i = 0; rc == 0 && i < n; i++) {
        md_err e2;
        if (case_finish_pending(cases[i], &e2) != 0)
            rc = md_fail(err, "case \"%s\": %s", cases[i]->spec->name, e2.msg);
    }
    exec_job_clear(&job);
    gplan_free(&g);
    return rc;
}
