/* pipeline — the models used alone (pipeline.h): an organization case
 * that uses two models in turn is judged against the same solution using
 * each model alone, not against the reference, so that a wrong model
 * loses correctness and not organization too.  For each model of such a
 * case, a run keeps only the calls on that model (and the calls that
 * consume what they wrote); the solution runs them, and each check of
 * the case is mapped to the run where its output was computed alone. */

#include "grade/pipeline.h"

#include <stdlib.h>
#include <string.h>

/* The models a case's calls make: the results of handle-returning calls,
 * each name once; returns how many (names borrowed from the calls). */
static int case_models(const challenge *c, const case_inst *ci, const char **names)
{
    int n = 0;
    for (int k = 0; k < ci->ncalls; k++) {
        const call *cl = &ci->calls[k];
        if (c->functions[cl->fn].ret != VT_HANDLE || !cl->result)
            continue;
        bool seen = false;
        for (int h = 0; h < n; h++)
            seen |= strcmp(names[h], cl->result) == 0;
        if (!seen)
            names[n++] = cl->result;
    }
    return n;
}

/* Whether name is among the n names. */
static bool among(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* The variables call cl writes: its array outputs and its result. */
static int call_writes(const challenge *c, const call *cl, const char **out)
{
    const function *f = &c->functions[cl->fn];
    int n = 0;
    for (int p = 0; p < f->nparams; p++)
        if (f->params[p].array && f->params[p].dir != DIR_IN)
            out[n++] = call_binding(cl, &f->params[p]);
    if (cl->result)
        out[n++] = cl->result;
    return n;
}

/* How call cl relates to model h among the case's models: 1 it uses or
 * makes h, -1 it uses or makes another model, 0 neither; *reads is set
 * when it reads one of the n variables in made. */
static int call_model(const challenge *c, const call *cl, const char *h, const char **models,
                      int nmodels, const char **made, int n, bool *reads)
{
    const function *f = &c->functions[cl->fn];
    int rel = 0;
    if (f->ret == VT_HANDLE && cl->result)
        rel = strcmp(cl->result, h) == 0 ? 1 : -1;
    *reads = false;
    for (int p = 0; p < f->nparams; p++) {
        const char *var = call_binding(cl, &f->params[p]);
        if (f->params[p].type == VT_HANDLE && among(var, models, nmodels))
            rel = strcmp(var, h) == 0 ? (rel < 0 ? -1 : 1) : -1;
        else if (f->params[p].dir == DIR_IN)
            *reads |= among(var, made, n);
    }
    return rel;
}

/* The calls of ci on model h alone, in order, into out (ci->ncalls at
 * most); the variables they write into made.  Returns how many calls. */
static int calls_alone(const challenge *c, const case_inst *ci, const char *h,
                       const char **models, int nmodels, call *out, const char **made,
                       int *nmade)
{
    int n = 0;
    *nmade = 0;
    for (int k = 0; k < ci->ncalls; k++) {
        bool reads;
        int rel = call_model(c, &ci->calls[k], h, models, nmodels, made, *nmade, &reads);
        if (rel < 0 || (rel == 0 && !reads))
            continue;
        out[n++] = ci->calls[k];
        *nmade += call_writes(c, &ci->calls[k], made + *nmade);
    }
    return n;
}

/* Adds the alone runs of case i (one per model, when it has two or more)
 * to x and maps its checks to them. */
static void add_case(pipeline *x, int i)
{
    const challenge *c = x->c;
    const case_inst *ci = x->cases[i];
    const char **models = xcalloc((size_t)ci->ncalls + 1, sizeof(char *));
    int nmodels = case_models(c, ci, models);
    x->alone_of[i] = xmalloc(sizeof(int) * ((size_t)ci->nchecks + 1));
    for (int k = 0; k < ci->nchecks; k++)
        x->alone_of[i][k] = -1;
    /* every call writes its parameters and a result at most */
    size_t maxw = 0;
    for (int k = 0; k < ci->ncalls; k++)
        maxw += (size_t)c->functions[ci->calls[k].fn].nparams + 1;
    const char **made = xcalloc(maxw + 1, sizeof(char *));
    for (int h = 0; h < nmodels && nmodels >= 2; h++) {
        call *calls = xcalloc((size_t)ci->ncalls + 1, sizeof(call));
        int nmade, ncalls = calls_alone(c, ci, models[h], models, nmodels, calls, made, &nmade);
        int r = x->nalone++;
        x->alone_calls[r] = calls;
        x->alone_cases[r] = *ci;    /* the same values, fewer calls */
        x->alone_cases[r].calls = calls;
        x->alone_cases[r].ncalls = ncalls;
        for (int k = 0; k < ci->nchecks; k++)
            if (among(ci->checks[k].output, made, nmade))
                x->alone_of[i][k] = r;
    }
    free(made);
    free(models);
}

/* Builds the alone runs of every organization case and their layout;
 * false when there are none. */
static int build(pipeline *x, md_err *err)
{
    int norg = 0;
    for (int i = 0; i < x->ncases; i++)
        norg += x->cases[i]->spec->crit == CRIT_ORGANIZATION;
    if (norg == 0)
        return 0;
    size_t most = 0;
    for (int i = 0; i < x->ncases; i++)
        if (x->cases[i]->spec->crit == CRIT_ORGANIZATION)
            most += (size_t)x->cases[i]->ncalls;
    x->alone_cases = xcalloc(most + 1, sizeof(case_inst));
    x->alone_calls = xcalloc(most + 1, sizeof(call *));
    x->alone_of = xcalloc((size_t)x->ncases + 1, sizeof(int *));
    for (int i = 0; i < x->ncases; i++)
        if (x->cases[i]->spec->crit == CRIT_ORGANIZATION)
            add_case(x, i);
    if (x->nalone == 0)
        return 0;
    case_inst **ptrs = xcalloc((size_t)x->nalone + 1, sizeof(case_inst *));
    for (int r = 0; r < x->nalone; r++)
        ptrs[r] = &x->alone_cases[r];
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    x->alone_lay = layout_build(ptrs, x->nalone, &lo, err);
    x->alone_ptrs = ptrs;
    return x->alone_lay ? 0 : -1;
}

int pipeline_alone(pipeline *x, md_err *err)
{
    if (!x->alone_of && build(x, err) != 0)
        return -1;
    if (!x->alone_lay)
        return 0;
    exec_job_clear(&x->alone_job);
    memset(&x->alone_job, 0, sizeof x->alone_job);
    x->alone_job.so = x->jobs[0].so;
    x->alone_job.sanitize = x->jobs[0].sanitize;
    x->alone_job.wall_s = NULL;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    return exec_run(x->alone_lay, &x->alone_job, 1, &eo, err);
}

void pipeline_alone_free(pipeline *x)
{
    exec_job_clear(&x->alone_job);
    layout_free(x->alone_lay);
    for (int r = 0; r < x->nalone; r++)
        free(x->alone_calls[r]);
    free(x->alone_calls);
    free(x->alone_cases);
    free(x->alone_ptrs);
    for (int i = 0; x->alone_of && i < x->ncases; i++)
        free(x->alone_of[i]);
    free(x->alone_of);
}
