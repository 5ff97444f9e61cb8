/* validate_expected — the step that holds the reference and the model
 * answer to the outputs a case's "expected" gives: numbers worked out
 * independently of both (by hand, or with NumPy once), written in the
 * spec as literals.  Two implementations that agree with each other can
 * still share a misreading of the statement; a number worked out another
 * way catches it.  Each expected output is compared under the case's own
 * check for it (its comparator and tolerances; a partition check for
 * both of its index sets), or exactly for ints and within 1e-9 for
 * doubles when no check names it. */
#include "instructor/validate_step.h"

#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "run/exec.h"
#include "run/layout.h"
#include "spec/gen.h"

/* The cases that carry expected outputs, and the programs held to them. */
typedef struct expjobs {
    case_inst **cases;
    int *index;              /* the case's index in the challenge */
    int n;
    compile_result model;
    exec_job jobs[2];        /* the reference, then the model answer */
    const char *names[2];
    int njobs;
} expjobs;

static void expjobs_clear(expjobs *e)
{
    for (int k = 0; k < e->njobs; k++)
        exec_job_clear(&e->jobs[k]);
    compile_result_clear(&e->model);
    free(e->cases);
    free(e->index);
}

/* The check that compares output name in a case, or NULL.  An index set
 * that is the other half of a partition check is compared by that check
 * (the split as a whole: the sets, and the class counts of the expected
 * one), since its elements may come in any order. */
static const check *check_for(const case_inst *ci, const char *name)
{
    for (int k = 0; k < ci->nchecks; k++) {
        const check *ck = &ci->checks[k];
        if (ck->kind != CMP_GRADCHECK && strcmp(ck->output, name) == 0)
            return ck;
        if (ck->kind == CMP_PARTITION && ck->other && strcmp(ck->other, name) == 0)
            return ck;
    }
    return NULL;
}

/* The run's values with each expected output put in place of the run's
 * own (copied; free each with value_clear).  Returns -1 with why when an
 * expected output names nothing the run produced or has the wrong size. */
static value *expected_values(const case_spec *cs, const xrun *run, strbuf *why)
{
    value *vals = xcalloc((size_t)run->nvals + 1, sizeof *vals);
    for (int i = 0; i < run->nvals; i++)
        value_copy(&vals[i], &run->vals[i]);
    for (int e = 0; e < cs->nexpected; e++) {
        const gen_spec *g = cs->expected[e].gen;
        value *v = NULL;
        for (int i = 0; i < run->nvals && !v; i++)
            if (strcmp(vals[i].name, cs->expected[e].name) == 0)
                v = &vals[i];
        if (!v) {
            sb_printf(why, "case \"%s\": expected \"%s\" is not an output or result of "
                           "the case\n", cs->name, cs->expected[e].name);
            continue;
        }
        long long n = v->array ? v->count : 1;
        if (g->nlit != n || g->lit_strings != (v->type == VT_STRING)) {
            sb_printf(why, "case \"%s\": expected \"%s\" gives %lld %s, the output has %lld\n",
                      cs->name, v->name, g->nlit, g->lit_strings ? "strings" : "numbers", n);
            continue;
        }
        for (long long i = 0; i < n; i++) {
            if (!v->array)
                v->num = g->lit[0];
            else if (v->type == VT_DOUBLE)
                ((double *)v->data)[i] = g->lit[i];
            else if (v->type == VT_INT)
                ((int *)v->data)[i] = (int)g->lit[i];
            else if (v->type == VT_STRING) {
                char **s = (char **)v->data + i;
                if (!value_unwritten_str(*s))
                    free(*s);
                *s = g->lit_str[i] ? xstrdup(g->lit_str[i]) : NULL;
            }
        }
    }
    return vals;
}

/* Compares one program's run of a case with the expected outputs; the
 * differences go to bad, one line each. */
static void compare_run(const case_inst *ci, const xrun *run, const xrun *ref,
                        const char *who, strbuf *bad)
{
    const case_spec *cs = ci->spec;
    if (run->status != XS_OK) {
        sb_printf(bad, "case \"%s\": the %s did not run: %s\n", cs->name, who,
                  run->message ? run->message : xstatus_name(run->status));
        return;
    }
    strbuf why = {0};
    value *vals = expected_values(cs, ref, &why);
    cmp_env got = {ci, run->vals, run->nvals}, exp = {ci, vals, ref->nvals};
    for (int e = 0; e < cs->nexpected && !why.len; e++) {
        const check *ck = check_for(ci, cs->expected[e].name);
        check loose = {.output = cs->expected[e].name, .kind = CMP_ALLCLOSE,
                       .rtol = 1e-9, .atol = 1e-12};
        cmp_outcome out;
        compare_check(ck ? ck : &loose, &got, &exp, &out);
        if (!out.ok)
            sb_printf(bad, "case \"%s\": the %s disagrees with the expected %s: %s\n",
                      cs->name, who, cs->expected[e].name, out.message);
    }
    if (why.len)
        sb_add(bad, sb_str(&why));
    sb_free(&why);
    for (int i = 0; i < ref->nvals; i++)
        value_clear(&vals[i]);
    free(vals);
}

/* Builds the model answer (when the challenge has one) and runs both
 * programs on the cases with expected outputs. */
static int run_programs(vctx *x, expjobs *e)
{
    e->jobs[0].so = x->ref.so_path;
    e->names[0] = "reference";
    e->njobs = 1;
    if (x->c->model) {
        compile_opts co = {0};
        if (compile_file(x->c, x->c->model, &co, &e->model, x->err) != 0)
            return -1;
        if (e->model.ok) {
            e->jobs[1].so = e->model.so_path;
            e->names[1] = "model answer";
            e->njobs = 2;
        }
    }
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    layout *lay = layout_build(e->cases, e->n, &lo, x->err);
    if (!lay)
        return -1;
    exec_opts eo = {0};
    eo.runner = exec_find_runner("mldrill-runner");
    eo.output_cap = 16 * 1024;
    eo.parallel = 2;
    eo.cancel = x->o->cancel;
    int rc = eo.runner ? exec_run(lay, e->jobs, e->njobs, &eo, x->err)
                       : md_fail(x->err, "the runner (mldrill-runner) is missing");
    free((char *)eo.runner);
    layout_free(lay);
    return rc;
}

vstep_rc vstep_expected(vctx *x)
{
    const challenge *c = x->c;
    expjobs e = {0};
    e.cases = xcalloc((size_t)c->ncases + 1, sizeof *e.cases);
    e.index = xcalloc((size_t)c->ncases + 1, sizeof *e.index);
    for (int i = 0; i < c->ncases; i++)
        if (c->cases[i].nexpected > 0 && x->cases[i]) {
            e.index[e.n] = i;
            e.cases[e.n++] = x->cases[i];
        }
    if (e.n == 0) {
        vstep_add(x, V_WARN, NULL, "no case carries expected outputs worked out "
                                   "independently of the reference (\"expected\")");
        expjobs_clear(&e);
        return VSTEP_NEXT;
    }
    if (run_programs(x, &e) != 0) {
        expjobs_clear(&e);
        return VSTEP_ERROR;
    }
    strbuf bad = {0};
    const exec_job *ref = &e.jobs[0];
    for (int k = 0; k < e.njobs; k++)
        for (int i = 0; i < e.n && !e.jobs[k].error && !ref->error; i++)
            compare_run(e.cases[i], &e.jobs[k].runs[i], &ref->runs[i], e.names[k], &bad);
    for (int k = 0; k < e.njobs; k++)
        if (e.jobs[k].error)
            sb_printf(&bad, "the %s could not run: %s\n", e.names[k], e.jobs[k].error);
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad), "outputs worked out independently disagree");
    else
        vstep_add(x, V_OK, NULL, "the %s agree%s with the outputs worked out independently "
                                 "on %d case%s", e.njobs == 2 ? "reference and the model answer"
                                                             : "reference",
                  e.njobs == 2 ? "" : "s", e.n, e.n == 1 ? "" : "s");
    sb_free(&bad);
    expjobs_clear(&e);
    return VSTEP_NEXT;
}
