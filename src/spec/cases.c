/* cases — see cases.h. */

#include "spec/cases.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"
#include "util/rng.h"

/* Largest array a case may declare, in elements (guards against a typo
 * such as "n*n*n" allocating the machine away). */
#define MAX_ELEMS (1LL << 27)

/* The variables of a case: defaults overridden by the case, evaluated on
 * demand so that one may refer to another. */
typedef struct scope {
    const var_def **defs;
    int n;
    double *val;
    int *state;             /* 0 unevaluated, 1 evaluating, 2 done */
    const char *grow;
    double scale;
    md_err *err;
    int failed;
} scope;

static int scope_lookup(void *ctx, const char *name, double *out)
{
    scope *s = ctx;
    for (int i = 0; i < s->n; i++) {
        if (strcmp(s->defs[i]->name, name) != 0)
            continue;
        if (s->state[i] == 1) {
            if (!s->failed)
                md_fail(s->err, "variable \"%s\" is defined in terms of itself", name);
            s->failed = 1;
            return -1;
        }
        if (s->state[i] == 0) {
            s->state[i] = 1;
            md_err e2;
            if (expr_eval(s->defs[i]->value, scope_lookup, s, &s->val[i], &e2) != 0) {
                if (!s->failed)
                    md_fail(s->err, "variable \"%s\": %s", name, e2.msg);
                s->failed = 1;
                return -1;
            }
            if (s->grow && strcmp(s->grow, name) == 0)
                s->val[i] = fmax(1, round(s->val[i] * s->scale));
            s->state[i] = 2;
        }
        *out = s->val[i];
        return 0;
    }
    return -1;
}

static void scope_init(scope *s, const challenge *c, const case_spec *cs,
                       const char *grow, double scale, md_err *err)
{
    memset(s, 0, sizeof *s);
    s->defs = xcalloc((size_t)(c->ndefaults + cs->nvars) + 1, sizeof(var_def *));
    for (int i = 0; i < c->ndefaults; i++)
        s->defs[s->n++] = &c->defaults[i];
    for (int i = 0; i < cs->nvars; i++) {
        int k;
        for (k = 0; k < s->n; k++)
            if (strcmp(s->defs[k]->name, cs->vars[i].name) == 0)
                break;
        s->defs[k] = &cs->vars[i];
        if (k == s->n)
            s->n++;
    }
    s->val = xcalloc((size_t)s->n + 1, sizeof(double));
    s->state = xcalloc((size_t)s->n + 1, sizeof(int));
    s->grow = grow;
    s->scale = scale;
    s->err = err;
}

static void scope_free(scope *s)
{
    free(s->defs);
    free(s->val);
    free(s->state);
}

/* Inputs: the challenge's, overridden by the case's, in order. */
static const input_def **merged_inputs(const challenge *c, const case_spec *cs,
                                       int *n)
{
    const input_def **in = xcalloc((size_t)(c->ninputs + cs->ninputs) + 1,
                                   sizeof(input_def *));
    *n = 0;
    for (int i = 0; i < c->ninputs; i++)
        in[(*n)++] = &c->inputs[i];
    for (int i = 0; i < cs->ninputs; i++) {
        int k;
        for (k = 0; k < *n; k++)
            if (strcmp(in[k]->name, cs->inputs[i].name) == 0)
                break;
        in[k] = &cs->inputs[i];
        if (k == *n)
            (*n)++;
    }
    return in;
}

value *case_value(const case_inst *ci, const char *name)
{
    for (int i = 0; i < ci->nvals; i++)
        if (strcmp(ci->vals[i].name, name) == 0)
            return &ci->vals[i];
    return NULL;
}

int case_lookup(void *ctx, const char *name, double *out)
{
    const case_inst *ci = ctx;
    value *v = case_value(ci, name);
    if (!v || v->array || v->type == VT_STRING)
        return -1;
    if (v->role == ROLE_RESULT && !v->present)
        return -1;
    *out = v->num;
    return 0;
}

static value *add_value(case_inst *ci, const char *name)
{
    ci->vals = xrealloc(ci->vals, sizeof(value) * (size_t)(ci->nvals + 1));
    value *v = &ci->vals[ci->nvals++];
    memset(v, 0, sizeof *v);
    v->name = xstrdup(name);
    return v;
}

/* Parameter scope of one call: a function's scalar parameters stand for
 * the variables bound to them (shapes are written in parameter names). */
typedef struct callscope {
    scope *vars;
    const function *f;
    const call *cl;
} callscope;

static int call_lookup(void *ctx, const char *name, double *out)
{
    callscope *cs = ctx;
    for (int k = 0; k < cs->f->nparams; k++) {
        const param *p = &cs->f->params[k];
        if (!p->array && (p->type == VT_INT || p->type == VT_DOUBLE) &&
            strcmp(p->name, name) == 0)
            return scope_lookup(cs->vars, call_binding(cs->cl, p), out);
    }
    return scope_lookup(cs->vars, name, out);
}

/* What generators see: the case's variables and its earlier inputs. */
typedef struct genenv {
    scope *vars;
    case_inst *ci;
} genenv;

static int genenv_lookup(void *ctx, const char *name, double *out)
{
    return scope_lookup(((genenv *)ctx)->vars, name, out);
}

static value *genenv_find(void *ctx, const char *name)
{
    return case_value(((genenv *)ctx)->ci, name);
}

static const input_def *find_input(const input_def **in, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(in[i]->name, name) == 0)
            return in[i];
    return NULL;
}

/* Creates the values of a case from its calls; generates inputs unless
 * dry.  The core of both case_resolve and case_instantiate. */
static int build(const challenge *c, const case_spec *cs, uint64_t seed,
                 const char *grow, double scale, bool dry, case_inst *ci,
                 md_err *err)
{
    memset(ci, 0, sizeof *ci);
    ci->ch = c;
    ci->spec = cs;
    ci->seed = seed;
    ci->calls = case_calls(c, cs, &ci->ncalls);
    ci->checks = case_checks(c, cs, &ci->nchecks);

    scope sc;
    scope_init(&sc, c, cs, grow, scale, err);
    int nin;
    const input_def **in = merged_inputs(c, cs, &nin);
    int rc = -1;

    /* every variable evaluates */
    for (int i = 0; i < sc.n; i++) {
        double v;
        if (scope_lookup(&sc, sc.defs[i]->name, &v) != 0)
            goto out;
        value *val = add_value(ci, sc.defs[i]->name);
        val->role = ROLE_VAR;
        val->type = v == floor(v) ? VT_INT : VT_DOUBLE;
        val->num = v;
        val->present = true;
    }

    /* walk the calls: shapes, roles and types of everything passed */
    for (int i = 0; i < ci->ncalls; i++) {
        const call *cl = &ci->calls[i];
        const function *f = &c->functions[cl->fn];
        callscope cscope = {&sc, f, cl};
        for (int k = 0; k < f->nparams; k++) {
            const param *p = &f->params[k];
            const char *var = call_binding(cl, p);
            value *v = case_value(ci, var);
            const input_def *inp = find_input(in, nin, var);
            if (!p->array && (p->type == VT_INT || p->type == VT_DOUBLE)) {
                double x;
                if (!v || v->role != ROLE_VAR || scope_lookup(&sc, var, &x) != 0) {
                    md_fail(err, "call %d (%s): parameter \"%s\" needs a variable "
                                 "\"%s\" in \"vars\" or \"defaults\"",
                            i, f->name, p->name, var);
                    goto out;
                }
                if (p->type == VT_INT && (x != floor(x) || fabs(x) > 2147483647.0)) {
                    md_fail(err, "call %d (%s): \"%s\" is %g, not an int", i,
                            f->name, var, x);
                    goto out;
                }
                continue;
            }
            if (p->type == VT_HANDLE) {
                if (!v || v->role != ROLE_RESULT || v->type != VT_HANDLE) {
                    md_fail(err, "call %d (%s): parameter \"%s\" needs the handle "
                                 "\"%s\" returned by an earlier call",
                            i, f->name, p->name, var);
                    goto out;
                }
                continue;
            }
            /* arrays, and string scalars (a one-element string input) */
            long long dims[VALUE_MAXDIM], count = 1;
            int ndim = p->array ? p->ndim : 0;
            for (int s = 0; s < ndim; s++) {
                md_err e2;
                if (expr_eval_int(p->shape[s], call_lookup, &cscope, 0, MAX_ELEMS,
                                  &dims[s], &e2) != 0) {
                    md_fail(err, "call %d (%s): shape of \"%s\": %s", i, f->name,
                            p->name, e2.msg);
                    goto out;
                }
                count *= dims[s];
                if (count > MAX_ELEMS) {
                    md_fail(err, "call %d (%s): \"%s\" would have %lld elements "
                                 "(the limit is %lld)",
                            i, f->name, p->name, count, MAX_ELEMS);
                    goto out;
                }
            }
            vrole role = p->dir == DIR_IN ? ROLE_INPUT
                         : p->dir == DIR_OUT ? ROLE_OUTPUT : ROLE_INOUT;
            /* an earlier call's output may feed a later call's input */
            bool produced = v && (v->role == ROLE_OUTPUT || v->role == ROLE_INOUT);
            if (role == ROLE_INPUT && produced) {
                if (v->count != count || v->type != p->type) {
                    md_fail(err, "call %d (%s): \"%s\" is passed as a %s of %lld elements "
                                 "but was produced as a %s of %lld",
                            i, f->name, var, vtype_name(p->type), count,
                            vtype_name(v->type), v->count);
                    goto out;
                }
                continue;
            }
            if (role != ROLE_OUTPUT && !inp) {
                md_fail(err, "call %d (%s): parameter \"%s\" reads \"%s\", which "
                             "has no generator in \"inputs\"",
                        i, f->name, p->name, var);
                goto out;
            }
            if (role == ROLE_OUTPUT && inp) {
                md_fail(err, "call %d (%s): \"%s\" is an output but \"%s\" is also "
                             "an input (use \"dir\": \"inout\" or bind another name)",
                        i, f->name, p->name, var);
                goto out;
            }
            if (v) {
                bool same = v->count == count && v->type == p->type &&
                            (v->role == ROLE_INPUT || v->role == ROLE_INOUT ||
                             v->role == ROLE_OUTPUT);
                if (!same) {
                    md_fail(err, "call %d (%s): \"%s\" is passed as a %s of %lld "
                                 "elements but was already a %s of %lld",
                            i, f->name, var, vtype_name(p->type), count,
                            vtype_name(v->type), v->count);
                    goto out;
                }
                if (role == ROLE_INOUT && v->role == ROLE_INPUT)
                    v->role = ROLE_INOUT;
                continue;
            }
            v = add_value(ci, var);
            v->type = p->type;
            v->array = true;
            v->role = role;
            v->ndim = ndim;
            memcpy(v->dims, dims, sizeof(long long) * (size_t)ndim);
            v->count = count;
            if (!p->array && count != 1) {
                md_fail(err, "string parameter \"%s\" needs one string", p->name);
                goto out;
            }
        }
        if (cl->result) {
            value *r = case_value(ci, cl->result);
            if (r && (r->role != ROLE_RESULT || r->type != f->ret)) {
                md_fail(err, "call %d (%s): result \"%s\" clashes with another "
                             "value of that name", i, f->name, cl->result);
                goto out;
            }
            if (!r) {
                r = add_value(ci, cl->result);
                r->role = ROLE_RESULT;
                r->type = f->ret;
            }
        }
    }

    /* inputs: every generator of the case feeds something, and in a usable
     * order; a challenge-level input that this case's calls do not pass is
     * simply not generated */
    for (int i = 0; i < nin; i++) {
        value *v = case_value(ci, in[i]->name);
        bool own = cs->ninputs > 0 && in[i] >= cs->inputs &&
                   in[i] < cs->inputs + cs->ninputs;    /* no arithmetic on NULL */
        if (!v || !v->array) {
            if (!own)
                continue;
            md_fail(err, "input \"%s\" is not passed to any function", in[i]->name);
            goto out;
        }
        const gen_spec *g = in[i]->gen;
        if (g->from) {
            value *src = case_value(ci, g->from);
            int before = 0;
            for (int k = 0; k < i; k++)
                before |= strcmp(in[k]->name, g->from) == 0;
            if (!src || !src->array || !before) {
                md_fail(err, "input \"%s\": \"from\": \"%s\" must be an input "
                             "listed before it and passed to a function",
                        in[i]->name, g->from);
                goto out;
            }
        }
        if (dry)
            continue;
        rng r;
        rng_seed(&r, seed ^ hash_str(HASH_SEED, in[i]->name));
        md_err e2;
        genenv env = {&sc, ci};
        if (gen_fill(g, v, &r, genenv_lookup, genenv_find, &env, &e2) != 0) {
            md_fail(err, "input \"%s\": %s", in[i]->name, e2.msg);
            goto out;
        }
    }
    /* outputs start zeroed (the runner hands the solution its own copy) */
    for (int i = 0; i < ci->nvals && !dry; i++) {
        value *v = &ci->vals[i];
        if (v->role == ROLE_OUTPUT)
            v->data = xcalloc((size_t)(v->count ? v->count : 1), vtype_size(v->type));
    }

    /* checks refer to values that exist */
    for (int i = 0; i < ci->nchecks; i++) {
        const check *ck = &ci->checks[i];
        const char *names[] = {ck->output, ck->points, ck->centroids, ck->loss,
                               ck->weights, ck->labels, ck->other};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (names[k] && !case_value(ci, names[k])) {
                md_fail(err, "check %d names \"%s\", which no call passes or "
                             "returns in this case", i, names[k]);
                goto out;
            }
    }
    rc = 0;
out:
    /* the generators looked values up through the scope; keep only values */
    free(in);
    scope_free(&sc);
    return rc;
}

int case_resolve(const challenge *c, const case_spec *cs, const char *grow, double scale,
                 md_err *err)
{
    case_inst ci;
    int rc = build(c, cs, 0, grow, scale, true, &ci, err);
    /* the inputs live in the grader and in every runner, the outputs in
     * each runner: a case bigger than the memory limit cannot run */
    size_t bytes = rc == 0 ? case_bytes(&ci) : 0;
    if (rc == 0 && bytes > ((size_t)c->memory_mb << 20))
        rc = md_fail(err, "its arrays take %zu MiB, more than the memory limit of %d MiB "
                          "(limits.memory_mb)",
                     bytes >> 20, c->memory_mb);
    case_inst_free(&ci);
    return rc;
}

uint64_t case_seed(const challenge *c, const case_spec *cs, uint64_t grading_seed)
{
    if (cs->has_seed)
        return cs->seed;
    uint64_t h = hash_str(HASH_SEED, c->id);
    h = hash_str(h, cs->name);
    if (!cs->visible)
        h = hash_bytes(h, &grading_seed, sizeof grading_seed);
    return h;
}

int case_instantiate(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                     const char *grow, double scale, case_inst *out, md_err *err)
{
    int rc = build(c, cs, case_seed(c, cs, grading_seed), grow, scale, false, out, err);
    if (rc != 0)
        case_inst_free(out);
    return rc;
}

void case_inst_free(case_inst *ci)
{
    for (int i = 0; i < ci->nvals; i++)
        value_clear(&ci->vals[i]);
    free(ci->vals);
    ci->vals = NULL;
    ci->nvals = 0;
}

size_t case_bytes(const case_inst *ci)
{
    size_t total = 0;
    for (int i = 0; i < ci->nvals; i++)
        if (ci->vals[i].array)
            total += vtype_size(ci->vals[i].type) * (size_t)ci->vals[i].count;
    return total;
}

const call *case_calls(const challenge *c, const case_spec *cs, int *n)
{
    if (cs->calls) {
        *n = cs->ncalls;
        return cs->calls;
    }
    *n = c->ncalls;
    return c->calls;
}

const check *case_checks(const challenge *c, const case_spec *cs, int *n)
{
    if (cs->checks) {
        *n = cs->nchecks;
        return cs->checks;
    }
    *n = c->nchecks;
    return c->checks;
}
