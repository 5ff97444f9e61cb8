/* pipeline — the gradcheck stage (pipeline.h): the solution's gradient
 * against central differences of its own loss, at a few sampled entries.
 * Each probe is the case re-generated from the same seed with one input
 * entry moved by +h or -h; all probes run in one pass of the solution. */

#include "grade/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/cases.h"
#include "util/rng.h"

/* One finite-difference probe: the case with one input element moved. */
typedef struct probe {
    int ci, check;
    long long index;
    double h;
} probe;

/* The probes of one gradcheck of case i: entries of its points sampled
 * from the case's seed (all of them when there are few). */
static void add_probes(const case_inst *ci, int i, int k, probe **pr, int *np)
{
    const check *ck = &ci->checks[k];
    const value *p = case_value(ci, ck->points);
    if (!p || !p->array || p->type != VT_DOUBLE || p->count == 0)
        return;
    rng r;
    rng_seed(&r, ci->seed ^ hash_str(HASH_SEED, ck->output));
    int m = ck->samples < p->count ? ck->samples : (int)p->count;
    for (int s = 0; s < m; s++) {
        long long idx = m == p->count ? s : rng_below(&r, p->count);
        double v = ((const double *)p->data)[idx];
        *pr = xrealloc(*pr, sizeof **pr * (size_t)(*np + 1));
        (*pr)[(*np)++] = (probe){i, k, idx, ck->step * (fabs(v) > 1 ? fabs(v) : 1)};
    }
}

/* Every probe of the cases the solution ran cleanly (caller frees *pr). */
static int collect_probes(const pipeline *x, probe **pr)
{
    int np = 0;
    for (int i = 0; i < x->ncases; i++) {
        const case_inst *ci = x->cases[i];
        if (x->jobs[0].runs[i].status != XS_OK)
            continue;
        for (int k = 0; k < ci->nchecks; k++)
            if (ci->checks[k].kind == CMP_GRADCHECK)
                add_probes(ci, i, k, pr, &np);
    }
    return np;
}

/* Two instances per probe, +h then -h, in ins[] (*built of them made,
 * even on failure, for the caller to free). */
static int perturb(const pipeline *x, const probe *pr, int np, case_inst **ins, int *built,
                   md_err *err)
{
    for (int q = 0; q < np; q++)
        for (int sgn = 0; sgn < 2; sgn++) {
            const case_inst *base = x->cases[pr[q].ci];
            case_inst *c2 = xcalloc(1, sizeof *c2);
            md_err e2;
            if (case_instantiate(x->c, base->spec, x->seed, NULL, 1, c2, &e2) != 0) {
                free(c2);
                return md_fail(err, "gradcheck: %s", e2.msg);
            }
            ins[(*built)++] = c2;
            /* what a generator program wrote for the case, not run again */
            if (case_take_generated(c2, base, &e2) != 0)
                return md_fail(err, "gradcheck: %s", e2.msg);
            value *p = case_value(c2, base->checks[pr[q].check].points);
            ((double *)p->data)[pr[q].index] += sgn ? -pr[q].h : pr[q].h;
        }
    return 0;
}

/* The run's value of an output (the last of that name), or NULL. */
static const value *output_of(const xrun *u, const char *name)
{
    const value *v = NULL;
    for (int i = 0; i < u->nvals; i++)
        if (strcmp(u->vals[i].name, name) == 0)
            v = &u->vals[i];
    return v;
}

/* The outcome of a probe's check, created passing on first use. */
static cmp_outcome *outcome_of(pipeline *x, const probe *P)
{
    const case_inst *ci = x->cases[P->ci];
    if (!x->grad[P->ci]) {
        x->grad[P->ci] = xcalloc((size_t)ci->nchecks, sizeof(cmp_outcome));
        for (int k = 0; k < ci->nchecks; k++)
            x->grad[P->ci][k].ok = true;
    }
    return &x->grad[P->ci][P->check];
}

/* The first wrong entry, in words: the output's entry and the input's. */
static void describe_mismatch(const case_inst *ci, const check *ck, const value *gv,
                              const probe *P, double g, double num, cmp_outcome *o)
{
    const value *pv = case_value(ci, ck->points);
    char gi[128], pi[128], what[160];
    o->ok = false;
    o->index = P->index;
    if (ck->weights)
        snprintf(what, sizeof what, "sum(%s .* %s)", ck->weights, ck->loss);
    else
        snprintf(what, sizeof what, "%s", ck->loss);
    snprintf(o->message, sizeof o->message,
             "%s is %.6g, but central differences of your %s in %s give %.6g",
             gv ? value_index_text(gv, P->index, gi, sizeof gi) : ck->output, g, what,
             pv ? value_index_text(pv, P->index, pi, sizeof pi) : ck->points, num);
}

/* A case whose gradient could not be checked within the grading's
 * budget is out of time, not passed unchecked. */
static void grad_out_of_time(pipeline *x, const probe *P)
{
    exec_out_of_time(&x->jobs[0].runs[P->ci],
                     "not judged: the grading ran out of time before its gradient was "
                     "checked");
}

/* Judges probe q from the runs of its +h and -h instances. */
static void judge_probe(pipeline *x, const probe *P, case_inst *const ins[2],
                        const xrun *up, const xrun *um)
{
    if (up->out_of_time || um->out_of_time) {
        grad_out_of_time(x, P);
        return;
    }
    const case_inst *ci = x->cases[P->ci];
    const check *ck = &ci->checks[P->check];
    cmp_outcome *o = outcome_of(x, P);
    double lp, lm;
    const value *gv = output_of(&x->jobs[0].runs[P->ci], ck->output);
    double g = gv ? value_get(gv, P->index) : NAN;
    cmp_env ep = {ins[0], up->vals, up->nvals}, em = {ins[1], um->vals, um->nvals};
    if (up->status != XS_OK || um->status != XS_OK || !compare_grad_loss(ck, &ep, &lp) ||
        !compare_grad_loss(ck, &em, &lm)) {
        if (o->ok) {
            o->ok = false;
            snprintf(o->message, sizeof o->message,
                     "gradcheck of %s: the loss could not be evaluated at a perturbed "
                     "input", ck->output);
        }
        return;
    }
    double num = (lp - lm) / (2 * P->h);
    if (fabs(num - g) <= ck->atol + ck->rtol * fmax(fabs(num), fabs(g)))
        return;
    if (o->nbad++ == 0)
        describe_mismatch(ci, ck, gv, P, g, num, o);
}

/* Runs the perturbed instances through the solution and judges them. */
static int run_probes(pipeline *x, const probe *pr, int np, case_inst **ins, md_err *err)
{
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    layout *lay = layout_build(ins, 2 * np, &lo, err);
    if (!lay)
        return -1;
    exec_job job = {0};
    job.so = x->sol.so_path;
    job.sanitize = x->o->sanitize;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    int rc = exec_run(lay, &job, 1, &eo, err);
    if (rc == 0) {
        x->grad = xcalloc((size_t)x->ncases, sizeof *x->grad);
        for (int q = 0; q < np; q++)
            judge_probe(x, &pr[q], &ins[2 * q], &job.runs[2 * q], &job.runs[2 * q + 1]);
    }
    exec_job_clear(&job);
    layout_free(lay);
    return rc;
}

int pipeline_gradchecks(pipeline *x, md_err *err)
{
    probe *pr = NULL;
    int np = collect_probes(x, &pr);
    if (np == 0)
        return 0;
    if (pipeline_out_of_time(x)) {
        for (int q = 0; q < np; q++)
            grad_out_of_time(x, &pr[q]);
        free(pr);
        return 0;
    }
    case_inst **ins = xcalloc((size_t)(2 * np), sizeof *ins);
    int built = 0;
    int rc = perturb(x, pr, np, ins, &built, err);
    if (rc == 0)
        rc = run_probes(x, pr, np, ins, err);
    for (int i = 0; i < built; i++) {
        case_inst_free(ins[i]);
        free(ins[i]);
    }
    free(ins);
    free(pr);
    return rc;
}
