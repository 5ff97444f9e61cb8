/* model — see model.h: freeing a challenge, and the lookups. */

#include "spec/model.h"

#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"

static void free_strs(char **s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static void free_calls(call *cl, int n)
{
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < cl[i].nbind; k++) {
            free(cl[i].bind[k].param);
            free(cl[i].bind[k].var);
        }
        free(cl[i].bind);
        free(cl[i].result);
    }
    free(cl);
}

static void free_checks(check *ck, int n)
{
    for (int i = 0; i < n; i++) {
        free(ck[i].output);
        expr_free(ck[i].count);
        free(ck[i].points);
        free(ck[i].centroids);
        free(ck[i].loss);
        free(ck[i].weights);
        free(ck[i].labels);
        free(ck[i].other);
        free(ck[i].mistake);
        free(ck[i].path);
    }
    free(ck);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void check_copy(check *to, const check *from)
{
    *to = *from;
    to->output = dup_or_null(from->output);
    to->points = dup_or_null(from->points);
    to->centroids = dup_or_null(from->centroids);
    to->loss = dup_or_null(from->loss);
    to->weights = dup_or_null(from->weights);
    to->labels = dup_or_null(from->labels);
    to->other = dup_or_null(from->other);
    to->mistake = dup_or_null(from->mistake);
    to->path = dup_or_null(from->path);
    to->count = NULL;
    if (from->count) {
        md_err err;
        to->count = expr_parse(expr_text(from->count), &err);    /* parsed once already */
    }
}

static void free_vars(var_def *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        expr_free(v[i].value);
    }
    free(v);
}

static void free_inputs(input_def *in, int n)
{
    for (int i = 0; i < n; i++) {
        free(in[i].name);
        gen_free(in[i].gen);
    }
    free(in);
}

static void free_reqs(requirement *r, int n)
{
    for (int i = 0; i < n; i++) {
        free(r[i].text);
        free(r[i].subject);
        expr_free(r[i].lo);
        expr_free(r[i].hi);
        free(r[i].path);
    }
    free(r);
}

static void free_contract(contract *k)
{
    free_reqs(k->requires, k->nrequires);
    free_reqs(k->assumes, k->nassumes);
    for (int i = 0; i < k->nfast; i++) {
        free(k->fast[i].name);
        free_vars(k->fast[i].vars, k->fast[i].nvars);
    }
    free(k->fast);
    free_strs(k->flags, k->nflags);
    free(k->derive_from);
    free(k->path);
}

static void free_functions(function *fns, int n)
{
    for (int i = 0; i < n; i++) {
        function *f = &fns[i];
        for (int k = 0; k < f->nparams; k++) {
            param *p = &f->params[k];
            free(p->name);
            free(p->handle);
            for (int s = 0; s < p->ndim; s++)
                expr_free(p->shape[s]);
            free(p->shape);
        }
        free(f->params);
        free(f->name);
        free(f->ret_handle);
        free(f->ret_name);
        free(f->doc);
        free_contract(&f->contract);
    }
    free(fns);
}

void spec_case_free(case_spec *cs)
{
    free(cs->name);
    free(cs->note);
    free(cs->path);
    free_strs(cs->provokes, cs->nprovokes);
    free_vars(cs->vars, cs->nvars);
    free_inputs(cs->inputs, cs->ninputs);
    free_inputs(cs->expected, cs->nexpected);
    free(cs->expected_how);
    free_calls(cs->calls, cs->ncalls);
    free_checks(cs->checks, cs->nchecks);
    for (int i = 0; i < cs->npokes; i++)
        free(cs->pokes[i].input);
    free(cs->pokes);
}

void spec_free(challenge *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->title);
    free_strs(c->tags, c->ntags);
    free(c->statement);
    free(c->statement_src);
    free_strs(c->hints, c->nhints);
    free_strs(c->followups, c->nfollowups);
    free(c->spec_path);
    free(c->reference);
    free(c->model);
    free(c->examples);
    free_functions(c->functions, c->nfunctions);
    free(c->gen_source);
    free_functions(c->generators, c->ngenerators);
    free_calls(c->calls, c->ncalls);
    free_vars(c->defaults, c->ndefaults);
    free_inputs(c->inputs, c->ninputs);
    free_checks(c->checks, c->nchecks);
    for (int i = 0; i < c->ncases; i++)
        spec_case_free(&c->cases[i]);
    free(c->cases);
    free_strs(c->derive_notes, c->nderive_notes);
    free(c->conv.loss);
    expr_free(c->conv.count);
    free(c->conv.max_iter);
    free(c->conv.tol);
    free(c->conv.method);
    spec_case_free(&c->timing.base);
    free(c->timing.grow);
    free(c->timing.advice);
    free(c->timing.scales);
    for (int i = 0; i < c->nmistakes; i++) {
        free(c->mistakes[i].id);
        free(c->mistakes[i].source);
        free(c->mistakes[i].message);
    }
    free(c->mistakes);
    for (int i = 0; i < c->nequivalents; i++) {
        free(c->equivalents[i].line);
        free(c->equivalents[i].change);
        free(c->equivalents[i].reason);
        free(c->equivalents[i].path);
    }
    free(c->equivalents);
    free(c);
}

int spec_function(const challenge *c, const char *name)
{
    for (int i = 0; i < c->nfunctions; i++)
        if (strcmp(c->functions[i].name, name) == 0)
            return i;
    return -1;
}

const char *call_binding(const call *cl, const param *p)
{
    for (int i = 0; i < cl->nbind; i++)
        if (strcmp(cl->bind[i].param, p->name) == 0)
            return cl->bind[i].var;
    return p->name;
}

bool function_releases(const function *f)
{
    for (int p = 0; p < f->nparams; p++)
        if (f->params[p].type != VT_HANDLE || f->params[p].dir != DIR_INOUT)
            return false;
    return f->nparams > 0;
}
