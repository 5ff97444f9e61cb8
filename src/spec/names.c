/* names — see names.h. */

#include "spec/names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"
#include "spec/jsondoc.h"

/* One case being checked. */
typedef struct nctx {
    const challenge *c;
    const case_spec *cs;
    const case_inst *ci;
    char *where;            /* the JSON path of the error, or NULL */
    md_err *err;
} nctx;

/* Fails at path (taken over; NULL: the case's own) with the message. */
static int fail_at(nctx *x, char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(nctx *x, char *path, const char *fmt, ...)
{
    free(x->where);
    x->where = path;
    char msg[sizeof x->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return md_fail(x->err, "%s", msg);
}

/* What a count sees once the case has run (compare.h's environment): the
 * variables, the results and the one-element outputs.  Only the names are
 * checked: results have no value before a run. */
static int count_lookup(void *ctx, const char *name, double *out)
{
    const value *v = case_value(ctx, name);
    *out = 0;
    if (!v || v->type == VT_STRING || v->type == VT_HANDLE)
        return -1;
    return !v->array || v->count == 1 ? 0 : -1;
}

/* The names a lookup finds in the case ("n, d"), for a message about one
 * it does not: the variables, or with counts true what count_lookup
 * finds. */
static char *known_names(const case_inst *ci, bool counts)
{
    strbuf sb = {0};
    for (int i = 0; i < ci->nvals; i++) {
        double x;
        const value *v = &ci->vals[i];
        if (v->role == ROLE_VAR || (counts && count_lookup((void *)ci, v->name, &x) == 0))
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", v->name);
    }
    if (!sb.len)
        sb_add(&sb, "none");
    return sb_take(&sb);
}

/* The first name of an expression that a lookup does not know. */
typedef struct name_probe {
    expr_lookup lookup;
    void *ctx;
    const char *unknown;
} name_probe;

static void probe_name(void *ctx, const char *name)
{
    name_probe *np = ctx;
    double x;
    if (!np->unknown && np->lookup(np->ctx, name, &x) != 0)
        np->unknown = name;
}

/* Every name of e is known to lookup (counts: a count's lookup); else
 * fails at path.  path is taken over either way. */
static int check_names(nctx *x, const expr *e, char *path, expr_lookup lookup, bool counts)
{
    name_probe np = {lookup, (void *)x->ci, NULL};
    expr_names(e, probe_name, &np);
    if (!np.unknown) {
        free(path);
        return 0;
    }
    char *known = known_names(x->ci, counts);
    fail_at(x, path, "unknown name \"%s\" (case \"%s\" has %s)", np.unknown, x->cs->name,
            known);
    free(known);
    return -1;
}

/* --- generators ---------------------------------------------------------------- */

/* The JSON path of a generator: the case's own input, the challenge's,
 * or NULL for one from elsewhere. */
static char *input_path(const nctx *x, const input_def *in)
{
    const case_spec *cs = x->cs;
    const challenge *c = x->c;
    char *base = NULL;
    if (cs->ninputs > 0 && in >= cs->inputs && in < cs->inputs + cs->ninputs)
        base = jpath_key(cs->path, "inputs");
    else if (c->ninputs > 0 && in >= c->inputs && in < c->inputs + c->ninputs)
        base = xstrdup("inputs");
    if (!base)
        return NULL;
    char *p = jpath_key(base, in->name);
    free(base);
    return p;
}

/* A generator being checked: the case and where the generator is. */
typedef struct gen_probe {
    nctx *x;
    const char *path;
} gen_probe;

/* One expression of a generator: its names, then its value. */
static int check_gen_expr(void *ctx, const expr *e, const char *sub)
{
    gen_probe *gp = ctx;
    nctx *x = gp->x;
    char *path = gp->path ? jpath_key(gp->path, sub) : NULL;
    if (check_names(x, e, xstrdup(path), case_lookup, false) != 0) {
        free(path);
        return -1;
    }
    double v;
    md_err e2;
    if (expr_eval(e, case_lookup, (void *)x->ci, &v, &e2) != 0)
        return fail_at(x, path, "%s (in case \"%s\")", e2.msg, x->cs->name);
    free(path);
    return 0;
}

/* The generator of input value v: its expressions, and its "set" entries
 * inside v. */
static int check_generator(nctx *x, const input_def *in, const value *v)
{
    const gen_spec *g = in->gen;
    char *path = input_path(x, in);
    gen_probe gp = {x, path};
    int rc = gen_each_expr(g, check_gen_expr, &gp);
    for (int s = 0; s < g->nsets && rc == 0; s++) {
        long long at, count, stride;
        md_err e2;
        if (gen_set_range(g, s, v, case_lookup, (void *)x->ci, &at, &count, &stride, &e2)) {
            char *sp = path ? jpath_key(path, "set") : NULL;
            rc = fail_at(x, sp ? jpath_idx(sp, s) : NULL, "%s (in case \"%s\")", e2.msg,
                         x->cs->name);
            free(sp);
        }
    }
    if (rc != 0 && !x->where) {    /* not located: say which input */
        md_err inner = *x->err;
        md_fail(x->err, "input \"%s\": %s", in->name, inner.msg);
    }
    free(path);
    return rc;
}

/* --- counts and convergence ------------------------------------------------------ */

/* The convergence section, for a correctness case that writes its loss:
 * the count's names, and max_iter and tol name numbers of the case. */
static int check_convergence(nctx *x)
{
    const conv_spec *cv = &x->c->conv;
    if (!cv->enabled || x->cs->crit != CRIT_CORRECTNESS || !case_value(x->ci, cv->loss))
        return 0;
    if (check_names(x, cv->count, xstrdup("convergence.count"), count_lookup, true) != 0)
        return -1;
    const char *keys[] = {"max_iter", "tol"}, *names[] = {cv->max_iter, cv->tol};
    for (int k = 0; k < 2; k++) {
        double v;
        if (!names[k] || count_lookup((void *)x->ci, names[k], &v) == 0)
            continue;
        char *known = known_names(x->ci, true);
        fail_at(x, jpath_key("convergence", keys[k]),
                "\"%s\" is not a number of case \"%s\" (it has %s)", names[k], x->cs->name,
                known);
        free(known);
        return -1;
    }
    return 0;
}

int names_check_case(const challenge *c, const case_spec *cs, const case_inst *ci,
                     char **where, md_err *err)
{
    nctx x = {c, cs, ci, NULL, err};
    int rc = 0;
    for (int i = 0; i < ci->nvals && rc == 0; i++) {
        const value *v = &ci->vals[i];
        const input_def *in = v->array ? case_input_def(c, cs, v->name) : NULL;
        if (in)
            rc = check_generator(&x, in, v);
    }
    for (int i = 0; i < ci->nchecks && rc == 0; i++) {
        const check *ck = &ci->checks[i];
        if (ck->count)
            rc = check_names(&x, ck->count, jpath_key(ck->path, "count"), count_lookup, true);
    }
    if (rc == 0)
        rc = check_convergence(&x);
    *where = x.where;
    return rc;
}
