/* expr — see expr.h.  A recursive-descent parser into a small tree. */

#include "spec/expr.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { E_NUM, E_VAR, E_NEG, E_BIN, E_CALL } ekind;

struct expr {
    ekind kind;
    char op;             /* E_BIN: + - * / % */
    double num;          /* E_NUM */
    bool real;           /* E_NUM written with '.' or an exponent ("2.0") */
    char *name;          /* E_VAR, E_CALL */
    expr *a, *b;         /* operands; E_CALL: arguments (b may be NULL) */
    char *text;          /* source text, root only */
};

typedef struct parser {
    const char *s, *p;
    md_err *err;
    int failed;
} parser;

static expr *node(ekind k)
{
    expr *e = xcalloc(1, sizeof *e);
    e->kind = k;
    return e;
}

void expr_free(expr *e)
{
    if (!e)
        return;
    expr_free(e->a);
    expr_free(e->b);
    free(e->name);
    free(e->text);
    free(e);
}

static void skip(parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

static expr *fail(parser *ps, const char *what)
{
    if (!ps->failed)
        md_fail(ps->err, "at column %d of \"%s\": %s",
                (int)(ps->p - ps->s) + 1, ps->s, what);
    ps->failed = 1;
    return NULL;
}

static expr *parse_sum(parser *ps);
static expr *parse_atom(parser *ps);

/* "(" sum ")" */
static expr *parse_paren(parser *ps)
{
    ps->p++;
    expr *e = parse_sum(ps);
    if (!e)
        return NULL;
    skip(ps);
    if (*ps->p != ')') {
        expr_free(e);
        return fail(ps, "expected ')'");
    }
    ps->p++;
    return e;
}

/* "-" atom */
static expr *parse_neg(parser *ps)
{
    ps->p++;
    expr *inner = parse_atom(ps);
    if (!inner)
        return NULL;
    expr *e = node(E_NEG);
    e->a = inner;
    return e;
}

/* A number; "real" when written with '.' or an exponent. */
static expr *parse_number(parser *ps)
{
    const char *p = ps->p;
    char *end;
    double v = strtod(p, &end);
    if (end == p)
        return fail(ps, "expected a number");
    expr *e = node(E_NUM);
    e->num = v;
    for (const char *q = p; q < end; q++)
        e->real |= *q == '.' || *q == 'e' || *q == 'E';
    ps->p = end;
    return e;
}

/* The arguments of a call to name, after its '(': one, or two for min
 * and max, then ')'. */
static expr *parse_call(parser *ps, char *name)
{
    static const char *const fns[] = {"min", "max", "floor", "ceil", "sqrt"};
    int known = 0;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        known |= strcmp(name, fns[i]) == 0;
    if (!known) {
        free(name);
        return fail(ps, "unknown function (min, max, floor, ceil, sqrt)");
    }
    int two = strcmp(name, "min") == 0 || strcmp(name, "max") == 0;
    ps->p++;
    expr *e = node(E_CALL);
    e->name = name;
    e->a = parse_sum(ps);
    if (!e->a) {
        expr_free(e);
        return NULL;
    }
    skip(ps);
    if (two) {
        if (*ps->p != ',') {
            expr_free(e);
            return fail(ps, "expected ',' (min and max take two arguments)");
        }
        ps->p++;
        e->b = parse_sum(ps);
        if (!e->b) {
            expr_free(e);
            return NULL;
        }
        skip(ps);
    }
    if (*ps->p != ')') {
        expr_free(e);
        return fail(ps, "expected ')'");
    }
    ps->p++;
    return e;
}

/* A variable, or a call when a '(' follows the name. */
static expr *parse_name(parser *ps)
{
    const char *p = ps->p, *q = p;
    while (isalnum((unsigned char)*q) || *q == '_')
        q++;
    char *name = xstrndup(p, (size_t)(q - p));
    ps->p = q;
    skip(ps);
    if (*ps->p == '(')
        return parse_call(ps, name);
    expr *e = node(E_VAR);
    e->name = name;
    return e;
}

static expr *parse_atom(parser *ps)
{
    skip(ps);
    const char *p = ps->p;
    if (*p == '(')
        return parse_paren(ps);
    if (*p == '-')
        return parse_neg(ps);
    if (isdigit((unsigned char)*p) || *p == '.')
        return parse_number(ps);
    if (isalpha((unsigned char)*p) || *p == '_')
        return parse_name(ps);
    return fail(ps, *p ? "expected a number, a name or '('"
                       : "unexpected end of expression");
}

static expr *parse_product(parser *ps)
{
    expr *l = parse_atom(ps);
    while (l) {
        skip(ps);
        char op = *ps->p;
        if (op != '*' && op != '/' && op != '%')
            break;
        ps->p++;
        expr *r = parse_atom(ps);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        expr *e = node(E_BIN);
        e->op = op;
        e->a = l;
        e->b = r;
        l = e;
    }
    return l;
}

static expr *parse_sum(parser *ps)
{
    expr *l = parse_product(ps);
    while (l) {
        skip(ps);
        char op = *ps->p;
        if (op != '+' && op != '-')
            break;
        ps->p++;
        expr *r = parse_product(ps);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        expr *e = node(E_BIN);
        e->op = op;
        e->a = l;
        e->b = r;
        l = e;
    }
    return l;
}

expr *expr_parse(const char *s, md_err *err)
{
    parser ps = {s, s, err, 0};
    expr *e = parse_sum(&ps);
    if (!e)
        return NULL;
    skip(&ps);
    if (*ps.p) {
        expr_free(e);
        fail(&ps, "unexpected text after the expression");
        return NULL;
    }
    e->text = xstrdup(s);
    return e;
}

expr *expr_const(double v)
{
    expr *e = node(E_NUM);
    e->num = v;
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", v);
    e->text = xstrdup(buf);
    return e;
}

static int is_whole(double v) { return isfinite(v) && v == floor(v); }

/* Evaluates e into *out; *integral says whether the value is an integer by
 * type: a literal written without '.' or exponent, a variable holding a
 * whole number, or an operation on integers other than sqrt.  '/' divides
 * as in C only between integers, so "2.0/d" is a real division. */
static int eval(const expr *e, expr_lookup lookup, void *ctx, double *out, bool *integral,
                md_err *err)
{
    double a = 0, b = 0;
    bool ia = true, ib = true;
    switch (e->kind) {
    case E_NUM:
        *out = e->num;
        *integral = !e->real && is_whole(e->num);
        return 0;
    case E_VAR:
        if (!lookup || lookup(ctx, e->name, out) != 0)
            return md_fail(err, "unknown name '%s'", e->name);
        *integral = is_whole(*out);
        return 0;
    case E_NEG:
        if (eval(e->a, lookup, ctx, &a, integral, err))
            return -1;
        *out = -a;
        return 0;
    case E_CALL:
        if (eval(e->a, lookup, ctx, &a, &ia, err))
            return -1;
        if (e->b && eval(e->b, lookup, ctx, &b, &ib, err))
            return -1;
        *integral = strcmp(e->name, "sqrt") != 0 && ia && ib;
        if (strcmp(e->name, "min") == 0)
            *out = a < b ? a : b;
        else if (strcmp(e->name, "max") == 0)
            *out = a > b ? a : b;
        else if (strcmp(e->name, "floor") == 0)
            *out = floor(a);
        else if (strcmp(e->name, "ceil") == 0)
            *out = ceil(a);
        else
            *out = sqrt(a);
        return 0;
    case E_BIN:
        if (eval(e->a, lookup, ctx, &a, &ia, err) || eval(e->b, lookup, ctx, &b, &ib, err))
            return -1;
        *integral = ia && ib;
        switch (e->op) {
        case '+': *out = a + b; return 0;
        case '-': *out = a - b; return 0;
        case '*': *out = a * b; return 0;
        case '/':
        case '%':
            if (b == 0)
                return md_fail(err, "division by zero");
            if (e->op == '%')
                *out = fmod(a, b);
            else if (ia && ib)
                *out = trunc(a / b);    /* integer division, as in C */
            else
                *out = a / b;
            return 0;
        }
    }
    return md_fail(err, "bad expression");
}

int expr_eval(const expr *e, expr_lookup lookup, void *ctx, double *out,
              md_err *err)
{
    md_err inner;
    bool integral;
    if (eval(e, lookup, ctx, out, &integral, &inner) != 0)
        return md_fail(err, "%s (in \"%s\")", inner.msg,
                       e->text ? e->text : "?");
    return 0;
}

int expr_eval_int(const expr *e, expr_lookup lookup, void *ctx,
                  long long lo, long long hi, long long *out, md_err *err)
{
    double v;
    if (expr_eval(e, lookup, ctx, &v, err) != 0)
        return -1;
    if (!is_whole(v))
        return md_fail(err, "\"%s\" is %g, expected a whole number",
                       expr_text(e), v);
    if (v < (double)lo || v > (double)hi)
        return md_fail(err, "\"%s\" is %g, expected %lld to %lld",
                       expr_text(e), v, lo, hi);
    *out = (long long)v;
    return 0;
}

void expr_names(const expr *e, void (*fn)(void *ctx, const char *name),
                void *ctx)
{
    if (!e)
        return;
    if (e->kind == E_VAR)
        fn(ctx, e->name);
    expr_names(e->a, fn, ctx);
    expr_names(e->b, fn, ctx);
}

const char *expr_text(const expr *e) { return e && e->text ? e->text : "?"; }
