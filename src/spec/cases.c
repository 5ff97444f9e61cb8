/* cases — see cases.h. */

#include "spec/cases.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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
    const case_var *set;    /* variables given a value instead */
    int nset;
    md_err *err;
    int failed;
} scope;

/* Whether name is one of the variables given a value; *out gets it. */
static bool scope_given(const scope *s, const char *name, double *out)
{
    for (int k = 0; k < s->nset; k++)
        if (strcmp(s->set[k].name, name) == 0) {
            *out = s->set[k].value;
            return true;
        }
    return false;
}

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
        if (s->state[i] == 0 && scope_given(s, name, &s->val[i])) {
            s->state[i] = 2;
        } else if (s->state[i] == 0) {
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

/* Puts vars over the scope's definitions, replacing those of the same name. */
static void scope_override(scope *s, const var_def *vars, int n)
{
    for (int i = 0; i < n; i++) {
        int k;
        for (k = 0; k < s->n; k++)
            if (strcmp(s->defs[k]->name, vars[i].name) == 0)
                break;
        s->defs[k] = &vars[i];
        if (k == s->n)
            s->n++;
    }
}

/* The variables of a case: the challenge's defaults, a derived case's
 * base's vars, then its own. */
static void scope_init(scope *s, const challenge *c, const case_spec *cs,
                       const char *grow, double scale, md_err *err)
{
    memset(s, 0, sizeof *s);
    int nbase = cs->base ? cs->base->nvars : 0;
    s->defs = xcalloc((size_t)(c->ndefaults + nbase + cs->nvars) + 1, sizeof(var_def *));
    scope_override(s, c->defaults, c->ndefaults);
    if (cs->base)
        scope_override(s, cs->base->vars, cs->base->nvars);
    scope_override(s, cs->vars, cs->nvars);
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

/* Puts the inputs over in[], replacing those of the same name. */
static void inputs_override(const input_def **in, int *n, const input_def *over, int nover)
{
    for (int i = 0; i < nover; i++) {
        int k;
        for (k = 0; k < *n; k++)
            if (strcmp(in[k]->name, over[i].name) == 0)
                break;
        in[k] = &over[i];
        if (k == *n)
            (*n)++;
    }
}

/* Inputs: the challenge's, overridden by a derived case's base's, then
 * by the case's own, in order. */
static const input_def **merged_inputs(const challenge *c, const case_spec *cs,
                                       int *n)
{
    int nbase = cs->base ? cs->base->ninputs : 0;
    const input_def **in = xcalloc((size_t)(c->ninputs + nbase + cs->ninputs) + 1,
                                   sizeof(input_def *));
    *n = 0;
    inputs_override(in, n, c->inputs, c->ninputs);
    if (cs->base)
        inputs_override(in, n, cs->base->inputs, cs->base->ninputs);
    inputs_override(in, n, cs->inputs, cs->ninputs);
    return in;
}

bool case_poked(const case_spec *cs, const char *name)
{
    for (int i = 0; i < cs->npokes; i++)
        if (strcmp(cs->pokes[i].input, name) == 0)
            return true;
    return false;
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

/* Whether a generator program fills the input. */
static bool is_program(const input_def *in)
{
    return in->gen->kind == G_PROGRAM;
}

/* --- building a case's values --------------------------------------------
 * Resolving and instantiating share the phases: the variables, then the
 * calls (shapes, roles and types of what is passed), then the inputs, then
 * the checks.  Instantiating also runs the generators and creates the
 * outputs; resolving only checks. */

typedef struct builder {
    const challenge *c;
    const case_spec *cs;
    case_inst *ci;          /* the values built (the caller's) */
    scope sc;               /* the case's variables */
    const input_def **in;   /* the case's generators, merged */
    int nin;
    md_err *err;
    int call;               /* the call being bound, for messages */
    const function *f;      /* its function */
    const call *cl;
} builder;

static void builder_init(builder *b, const challenge *c, const case_spec *cs, uint64_t seed,
                         const char *grow, double scale, case_inst *ci, md_err *err)
{
    memset(b, 0, sizeof *b);
    memset(ci, 0, sizeof *ci);
    ci->ch = c;
    ci->spec = cs;
    ci->seed = seed;
    ci->calls = case_calls(c, cs, &ci->ncalls);
    ci->checks = case_checks(c, cs, &ci->nchecks);
    b->c = c;
    b->cs = cs;
    b->ci = ci;
    b->err = err;
    scope_init(&b->sc, c, cs, grow, scale, err);
    b->in = merged_inputs(c, cs, &b->nin);
}

/* The generators looked values up through the scope; keep only values. */
static void builder_free(builder *b)
{
    free(b->in);
    scope_free(&b->sc);
}

/* An error about the call being bound: "call 2 (fit): ...". */
static int call_fail(builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int call_fail(builder *b, const char *fmt, ...)
{
    char msg[sizeof b->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return md_fail(b->err, "call %d (%s): %s", b->call, b->f->name, msg);
}

/* Every variable evaluates, and becomes a value of the case. */
static int add_vars(builder *b)
{
    for (int i = 0; i < b->sc.n; i++) {
        double v;
        if (scope_lookup(&b->sc, b->sc.defs[i]->name, &v) != 0)
            return -1;
        value *val = add_value(b->ci, b->sc.defs[i]->name);
        val->role = ROLE_VAR;
        val->type = v == floor(v) ? VT_INT : VT_DOUBLE;
        val->num = v;
        val->present = true;
    }
    return 0;
}

/* A number passed by value: a variable, whole for an int. */
static int bind_number(builder *b, const param *p, const char *var, const value *v)
{
    double x;
    if (!v || v->role != ROLE_VAR || scope_lookup(&b->sc, var, &x) != 0)
        return call_fail(b, "parameter \"%s\" needs a variable \"%s\" in \"vars\" or "
                            "\"defaults\"", p->name, var);
    if (p->type == VT_INT && (x != floor(x) || fabs(x) > 2147483647.0))
        return call_fail(b, "\"%s\" is %g, not an int", var, x);
    return 0;
}

/* A handle: one an earlier call returned, or NULL for a release function
 * (a derived release case, model.h). */
static int bind_handle(builder *b, const param *p, const char *var, const value *v)
{
    if (!v && strcmp(var, CALL_NULL_HANDLE) == 0 && function_releases(b->f))
        return 0;
    if (!v || v->role != ROLE_RESULT || v->type != VT_HANDLE)
        return call_fail(b, "parameter \"%s\" needs the handle \"%s\" returned by an "
                            "earlier call", p->name, var);
    return 0;
}

/* The dimensions of an array parameter (none for a string scalar). */
static int eval_shape(builder *b, const param *p, long long dims[VALUE_MAXDIM], int *ndim,
                      long long *count)
{
    callscope cscope = {&b->sc, b->f, b->cl};
    *count = 1;
    *ndim = p->array ? p->ndim : 0;
    /* a case that breaks a requirement may make a size negative (n_test =
     * -1): that array is empty */
    long long lo = b->cs->origin == CASE_INVALID ? -MAX_ELEMS : 0;
    for (int s = 0; s < *ndim; s++) {
        md_err e2;
        if (expr_eval_int(p->shape[s], call_lookup, &cscope, lo, MAX_ELEMS, &dims[s],
                          &e2) != 0)
            return call_fail(b, "shape of \"%s\": %s", p->name, e2.msg);
        if (dims[s] < 0)
            dims[s] = 0;
        *count *= dims[s];
        if (*count > MAX_ELEMS)
            return call_fail(b, "\"%s\" would have %lld elements (the limit is %lld)",
                             p->name, *count, MAX_ELEMS);
    }
    return 0;
}

/* An array passed again, or one that must have a generator (inputs) or
 * must not (outputs).  Returns 1 when an earlier value stands, 0 when a
 * new value is needed, -1 on an error. */
static int bind_again(builder *b, const param *p, const char *var, value *v, vrole role,
                      long long count)
{
    /* an earlier call's output may feed a later call's input */
    bool produced = v && (v->role == ROLE_OUTPUT || v->role == ROLE_INOUT);
    if (role == ROLE_INPUT && produced) {
        if (v->count != count || v->type != p->type)
            return call_fail(b, "\"%s\" is passed as a %s of %lld elements but was "
                                "produced as a %s of %lld", var, vtype_name(p->type),
                             count, vtype_name(v->type), v->count);
        return 1;
    }
    const input_def *inp = find_input(b->in, b->nin, var);
    if (role != ROLE_OUTPUT && !inp)
        return call_fail(b, "parameter \"%s\" reads \"%s\", which has no generator in "
                            "\"inputs\"", p->name, var);
    if (role == ROLE_OUTPUT && inp)
        return call_fail(b, "\"%s\" is an output but \"%s\" is also an input (use "
                            "\"dir\": \"inout\" or bind another name)", p->name, var);
    if (!v)
        return 0;
    bool same = v->count == count && v->type == p->type &&
                (v->role == ROLE_INPUT || v->role == ROLE_INOUT || v->role == ROLE_OUTPUT);
    if (!same)
        return call_fail(b, "\"%s\" is passed as a %s of %lld elements but was already "
                            "a %s of %lld", var, vtype_name(p->type), count,
                         vtype_name(v->type), v->count);
    if (role == ROLE_INOUT && v->role == ROLE_INPUT)
        v->role = ROLE_INOUT;
    return 1;
}

/* An array, or a string scalar (a one-element string input): its shape,
 * and a value of the case for it unless an earlier call made one. */
static int bind_array(builder *b, const param *p, const char *var, value *v)
{
    long long dims[VALUE_MAXDIM], count;
    int ndim;
    if (eval_shape(b, p, dims, &ndim, &count) != 0)
        return -1;
    vrole role = p->dir == DIR_IN ? ROLE_INPUT : p->dir == DIR_OUT ? ROLE_OUTPUT : ROLE_INOUT;
    int rc = bind_again(b, p, var, v, role, count);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    v = add_value(b->ci, var);
    v->type = p->type;
    v->array = true;
    v->role = role;
    v->ndim = ndim;
    memcpy(v->dims, dims, sizeof(long long) * (size_t)ndim);
    v->count = count;
    if (!p->array && count != 1)
        return md_fail(b->err, "string parameter \"%s\" needs one string", p->name);
    return 0;
}

/* A call's result: a value of the case of the function's return type. */
static int bind_result(builder *b)
{
    if (!b->cl->result)
        return 0;
    value *r = case_value(b->ci, b->cl->result);
    if (r && (r->role != ROLE_RESULT || r->type != b->f->ret))
        return call_fail(b, "result \"%s\" clashes with another value of that name",
                         b->cl->result);
    if (!r) {
        r = add_value(b->ci, b->cl->result);
        r->role = ROLE_RESULT;
        r->type = b->f->ret;
    }
    return 0;
}

/* Walks the calls: shapes, roles and types of everything passed. */
static int bind_calls(builder *b)
{
    for (b->call = 0; b->call < b->ci->ncalls; b->call++) {
        b->cl = &b->ci->calls[b->call];
        b->f = &b->c->functions[b->cl->fn];
        for (int k = 0; k < b->f->nparams; k++) {
            const param *p = &b->f->params[k];
            const char *var = call_binding(b->cl, p);
            value *v = case_value(b->ci, var);
            int rc = !p->array && (p->type == VT_INT || p->type == VT_DOUBLE)
                         ? bind_number(b, p, var, v)
                     : p->type == VT_HANDLE ? bind_handle(b, p, var, v)
                                            : bind_array(b, p, var, v);
            if (rc != 0)
                return -1;
        }
        if (bind_result(b) != 0)
            return -1;
    }
    return 0;
}

/* A program's parameters evaluate (an int one to a whole number), and
 * the input holds numbers. */
static int check_program(builder *b, const input_def *in)
{
    genenv env = {&b->sc, b->ci};
    double *args = xcalloc((size_t)in->gen->nargs + 1, sizeof(double));
    md_err e2;
    int rc = gen_program_args(in->gen, genenv_lookup, &env, args, &e2);
    free(args);
    if (rc != 0)
        return md_fail(b->err, "input \"%s\": %s", in->name, e2.msg);
    if (case_value(b->ci, in->name)->type == VT_STRING)
        return md_fail(b->err, "input \"%s\" holds strings: a generator program fills "
                               "numbers", in->name);
    return 0;
}

/* Input i of the merged inputs feeds something, in a usable order: *v is
 * the value it fills, or NULL for a challenge-level input that this
 * case's calls do not pass (simply not generated). */
static int check_input(builder *b, int i, value **v)
{
    const input_def *in = b->in[i];
    const case_spec *cs = b->cs;
    *v = case_value(b->ci, in->name);
    bool own = cs->ninputs > 0 && in >= cs->inputs &&
               in < cs->inputs + cs->ninputs;    /* no arithmetic on NULL */
    if (!*v || !(*v)->array) {
        *v = NULL;
        if (!own)
            return 0;
        return md_fail(b->err, "input \"%s\" is not passed to any function", in->name);
    }
    if (is_program(in) && check_program(b, in) != 0)
        return -1;
    const char *from = in->gen->from;
    if (!from)
        return 0;
    value *src = case_value(b->ci, from);
    int before = 0;
    for (int k = 0; k < i; k++)
        before |= strcmp(b->in[k]->name, from) == 0;
    if (!src || !src->array || !before)
        return md_fail(b->err, "input \"%s\": \"from\": \"%s\" must be an input listed "
                               "before it and passed to a function", in->name, from);
    return 0;
}

/* Whether value v waits for a generator program: its own, or the one
 * of the input it derives from. */
static bool is_pending(const case_inst *ci, const value *v)
{
    for (int p = 0; v && p < ci->npending; p++)
        if (ci->pending[p].val == (int)(v - ci->vals))
            return true;
    return false;
}

/* An input that waits for a program: its data zeroed for now, listed in
 * ci->pending with the program's seed and own parameters, or (deferred)
 * as a built-in generator to run once the program it derives from has. */
static int add_pending(builder *b, const input_def *in, value *v, uint64_t seed)
{
    const gen_spec *g = in->gen;
    bool deferred = !is_program(in);
    md_err e2;
    genenv env = {&b->sc, b->ci};
    double *args = deferred ? NULL : xcalloc((size_t)g->nargs + 1, sizeof(double));
    if (!deferred && gen_program_args(g, genenv_lookup, &env, args, &e2) != 0) {
        free(args);
        return md_fail(b->err, "input \"%s\": %s", in->name, e2.msg);
    }
    case_inst *ci = b->ci;
    free(v->data);
    v->data = xcalloc((size_t)(v->count ? v->count : 1), vtype_size(v->type));
    ci->pending = xrealloc(ci->pending, sizeof *ci->pending * (size_t)(ci->npending + 1));
    ci->pending[ci->npending++] = (case_pending){(int)(v - ci->vals), g, (int)(seed >> 33),
                                                 seed, args, deferred ? 0 : g->nargs,
                                                 deferred};
    return 0;
}

/* Runs input i's generator into v, seeded by the case's seed and its name
 * (a program's input, and one derived from it, are left pending). */
static int generate_input(builder *b, int i, value *v)
{
    const input_def *in = b->in[i];
    uint64_t seed = b->ci->seed ^ hash_str(HASH_SEED, in->name);
    if (is_program(in) ||
        (in->gen->from && is_pending(b->ci, case_value(b->ci, in->gen->from))))
        return add_pending(b, in, v, seed);
    rng r;
    rng_seed(&r, seed);
    md_err e2;
    genenv env = {&b->sc, b->ci};
    if (gen_fill(in->gen, v, &r, genenv_lookup, genenv_find, &env, &e2) != 0)
        return md_fail(b->err, "input \"%s\": %s", in->name, e2.msg);
    return case_apply_pokes(b->cs, v, b->err);
}

/* Every poke names an input of the case that its calls pass. */
static int check_pokes(builder *b)
{
    for (int i = 0; i < b->cs->npokes; i++) {
        const poke *pk = &b->cs->pokes[i];
        const value *v = case_value(b->ci, pk->input);
        if (!v || !find_input(b->in, b->nin, pk->input))
            return md_fail(b->err, "\"%s\" is not a generated input of this case",
                           pk->input);
        if (case_poke_index(pk, v, b->err) < 0)
            return -1;
    }
    return 0;
}

/* Outputs start zeroed (the runner hands the solution its own copy). */
static void create_outputs(case_inst *ci)
{
    for (int i = 0; i < ci->nvals; i++) {
        value *v = &ci->vals[i];
        if (v->role == ROLE_OUTPUT)
            v->data = xcalloc((size_t)(v->count ? v->count : 1), vtype_size(v->type));
    }
}

/* Checks refer to values that exist. */
static int check_checks(builder *b)
{
    for (int i = 0; i < b->ci->nchecks; i++) {
        const check *ck = &b->ci->checks[i];
        const char *names[] = {ck->output, ck->points, ck->centroids, ck->loss,
                               ck->weights, ck->labels, ck->other};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (names[k] && !case_value(b->ci, names[k]))
                return md_fail(b->err, "check %d names \"%s\", which no call passes or "
                                       "returns in this case", i, names[k]);
    }
    return 0;
}

/* Checks a case without generating anything: the values it would have. */
static int resolve(builder *b)
{
    if (add_vars(b) != 0 || bind_calls(b) != 0)
        return -1;
    for (int i = 0; i < b->nin; i++) {
        value *v;
        if (check_input(b, i, &v) != 0)
            return -1;
    }
    if (check_pokes(b) != 0)
        return -1;
    return check_checks(b);
}

/* Builds a case's values with their data. */
static int instantiate(builder *b)
{
    if (add_vars(b) != 0 || bind_calls(b) != 0)
        return -1;
    for (int i = 0; i < b->nin; i++) {
        value *v;
        if (check_input(b, i, &v) != 0 || (v && generate_input(b, i, v) != 0))
            return -1;
    }
    create_outputs(b->ci);
    return check_checks(b);
}

int case_resolve_values(const challenge *c, const case_spec *cs, const char *grow,
                        double scale, case_inst *out, md_err *err)
{
    builder b;
    builder_init(&b, c, cs, 0, grow, scale, out, err);
    int rc = resolve(&b);
    builder_free(&b);
    if (rc != 0)
        case_inst_free(out);
    return rc;
}

int case_resolve(const challenge *c, const case_spec *cs, const char *grow, double scale,
                 md_err *err)
{
    case_inst ci;
    int rc = case_resolve_values(c, cs, grow, scale, &ci, err);
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

int case_eval(const challenge *c, const case_spec *cs, int call_index, const expr *e,
              double *out, md_err *err)
{
    scope sc;
    scope_init(&sc, c, cs, NULL, 1, err);
    int ncalls;
    const call *calls = case_calls(c, cs, &ncalls);
    int rc;
    if (call_index < 0 || call_index >= ncalls) {
        rc = md_fail(err, "no call %d in this case", call_index);
    } else {
        callscope cscope = {&sc, &c->functions[calls[call_index].fn], &calls[call_index]};
        md_err e2;
        rc = expr_eval(e, call_lookup, &cscope, out, &e2);
        if (rc != 0 && !sc.failed)
            md_fail(err, "%s", e2.msg);
    }
    scope_free(&sc);
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

const var_def *case_var_def(const challenge *c, const case_spec *cs, const char *name)
{
    scope sc;
    scope_init(&sc, c, cs, NULL, 1, NULL);
    const var_def *d = NULL;
    for (int i = 0; i < sc.n && !d; i++)
        if (strcmp(sc.defs[i]->name, name) == 0)
            d = sc.defs[i];
    scope_free(&sc);
    return d;
}

const input_def *case_input_def(const challenge *c, const case_spec *cs, const char *name)
{
    int n;
    const input_def **in = merged_inputs(c, cs, &n);
    const input_def *d = find_input(in, n, name);
    free(in);
    return d;
}

/* case_instantiate and case_instantiate_vars: grow scaled, set given. */
static int build(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                 const char *grow, double scale, const case_var *set, int nset,
                 case_inst *out, md_err *err)
{
    builder b;
    builder_init(&b, c, cs, case_seed(c, cs, grading_seed), grow, scale, out, err);
    b.sc.set = set;
    b.sc.nset = nset;
    int rc = instantiate(&b);
    builder_free(&b);
    if (rc != 0)
        case_inst_free(out);
    return rc;
}

int case_instantiate(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                     const char *grow, double scale, case_inst *out, md_err *err)
{
    return build(c, cs, grading_seed, grow, scale, NULL, 0, out, err);
}

int case_instantiate_vars(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                          const case_var *set, int nset, case_inst *out, md_err *err)
{
    return build(c, cs, grading_seed, NULL, 1, set, nset, out, err);
}

void case_inst_free(case_inst *ci)
{
    for (int i = 0; i < ci->nvals; i++)
        value_clear(&ci->vals[i]);
    free(ci->vals);
    ci->vals = NULL;
    ci->nvals = 0;
    case_filled(ci);
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
    if (!cs->calls && cs->base)
        cs = cs->base;
    if (cs->calls) {
        *n = cs->ncalls;
        return cs->calls;
    }
    *n = c->ncalls;
    return c->calls;
}

const check *case_checks(const challenge *c, const case_spec *cs, int *n)
{
    if (!cs->checks && cs->base)
        cs = cs->base;
    if (cs->checks) {
        *n = cs->nchecks;
        return cs->checks;
    }
    *n = c->nchecks;
    return c->checks;
}
