/* debug — the files `mldrill debug` writes (debug.h): main.c, a case as
 * a C program, and its Makefile. */

#include "grade/debug.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "run/compile.h"

/* What writing main.c reads: the case, the reference's run of it. */
typedef struct gen {
    const challenge *c;
    const case_inst *ci;
    const xrun *ref;
    cmp_env exp;         /* the reference's values, then the case's */
    strbuf *sb;
} gen;

/* --- names ----------------------------------------------------------------------- */

static const char *const c_words[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
    "typedef", "union", "unsigned", "void", "volatile", "while", "main", "called", "ran"};

/* The C name of a value of the case: its own, its characters outside C
 * identifiers made '_' ("n (invalid)", a derived case's, is n_invalid_),
 * with "_" added when it is a C keyword, one of the program's names, or a
 * function or handle type of the challenge (main calls those). */
static const char *cname(const gen *g, const char *name, char *buf, size_t n)
{
    size_t k = 0;
    if (isdigit((unsigned char)name[0]) && k + 1 < n)
        buf[k++] = '_';
    for (const char *p = name; *p && k + 2 < n; p++)
        buf[k++] = isalnum((unsigned char)*p) || *p == '_' ? *p : '_';
    buf[k] = '\0';
    bool taken = strncmp(buf, "md_", 3) == 0 || strncmp(buf, "expect_", 7) == 0 ||
                 strncmp(buf, "kept_", 5) == 0 || strncmp(buf, "initial_", 8) == 0;
    for (size_t w = 0; w < sizeof c_words / sizeof c_words[0]; w++)
        taken |= strcmp(buf, c_words[w]) == 0;
    for (int f = 0; f < g->c->nfunctions; f++) {
        const function *fn = &g->c->functions[f];
        taken |= strcmp(buf, fn->name) == 0 ||
                 (fn->ret_handle && strcmp(buf, fn->ret_handle) == 0);
    }
    if (taken && k + 1 < n) {
        buf[k++] = '_';
        buf[k] = '\0';
    }
    return buf;
}

/* --- values -------------------------------------------------------------------- */

/* The shortest text that reads back as v ("1e-06", not
 * "9.9999999999999995e-07"). */
static const char *shortest(double v)
{
    static char buf[40];
    for (int p = 6; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

static void number(strbuf *sb, vtype t, double v)
{
    if (t == VT_INT)
        sb_printf(sb, "%d", (int)v);
    else if (isnan(v))
        sb_add(sb, "NAN");
    else if (isinf(v))
        sb_add(sb, v > 0 ? "INFINITY" : "-INFINITY");
    else
        sb_printf(sb, "%s", shortest(v));
}

/* A string as a C literal (bytes outside printable ASCII as octal). */
static void c_string(strbuf *sb, const char *s)
{
    if (!s) {
        sb_add(sb, "NULL");
        return;
    }
    sb_addc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(sb, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f || (*p == '?' && p[1] == '?'))
            sb_printf(sb, "\\%03o", *p);
        else
            sb_addc(sb, (char)*p);
    }
    sb_addc(sb, '"');
}

/* A name as a C string literal, in buf. */
static const char *lit(const char *name, char *buf, size_t n)
{
    strbuf sb = {0};
    c_string(&sb, name);
    snprintf(buf, n, "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

static void element(strbuf *sb, const value *v, const void *data, long long i)
{
    if (v->type == VT_STRING && value_unwritten_str(((char *const *)data)[i]))
        sb_add(sb, "md_unwritten_str");
    else if (v->type == VT_STRING)
        c_string(sb, ((char *const *)data)[i]);
    else if (v->type == VT_INT)
        sb_printf(sb, "%d", ((const int *)data)[i]);
    else
        number(sb, VT_DOUBLE, ((const double *)data)[i]);
}

/* The first n elements of data (v's shape) as an initializer body: a row
 * a line when rows are short, else lines of about 80 columns. */
static void elements(strbuf *sb, const value *v, const void *data, long long n)
{
    long long cols = v->ndim >= 2 && v->dims[0] ? v->count / v->dims[0] : v->count;
    bool by_row = v->ndim >= 2 && cols <= 8;
    size_t line = sb->len;
    sb_add(sb, "        ");
    for (long long i = 0; i < n; i++) {
        element(sb, v, data, i);
        if (i + 1 == n)
            break;
        sb_addc(sb, ',');
        if ((by_row && (i + 1) % cols == 0) || (!by_row && sb->len - line > 80)) {
            line = sb->len + 1;
            sb_add(sb, "\n        ");
        } else {
            sb_addc(sb, ' ');
        }
    }
    sb_addc(sb, '\n');
}

static const char *c_type(vtype t)
{
    return t == VT_INT ? "int" : "double";
}

/* The type in a declaration of v's array, read-only or not. */
static const char *decl_type(const value *v, bool constant)
{
    if (v->type == VT_STRING)
        return constant ? "const char *const " : "const char *";
    if (v->type == VT_INT)
        return constant ? "const int " : "int ";
    return constant ? "const double " : "double ";
}

/* "static const double X[6] = {  (2x3) ... };" under the name given,
 * its first n elements given (the rest are zero); or, without data, the
 * declaration alone. */
static void array_n(const gen *g, bool constant, const char *name, const value *v,
                    const void *data, long long n)
{
    sb_printf(g->sb, "    static %s%s[%lld]", decl_type(v, constant), name,
              v->count ? v->count : 1);
    if (!data || !v->count || n <= 0) {
        sb_add(g->sb, ";\n");
        return;
    }
    sb_add(g->sb, " = {");
    if (n < v->count)
        sb_printf(g->sb, "    /* the first %lld: the rest is not compared */", n);
    for (int d = 0; d < v->ndim && v->ndim > 1 && n == v->count; d++)
        sb_printf(g->sb, "%s%lld%s", d ? "x" : "    /* ", v->dims[d],
                  d + 1 == v->ndim ? " */" : "");
    sb_addc(g->sb, '\n');
    elements(g->sb, v, data, n);
    sb_add(g->sb, "    };\n");
}

static void array(const gen *g, bool constant, const char *name, const value *v,
                  const void *data)
{
    array_n(g, constant, name, v, data, v->count);
}

/* --- declarations -------------------------------------------------------------- */

/* The case's variables: ints where whole, else doubles. */
static void emit_vars(const gen *g)
{
    char cn[160];
    sb_add(g->sb, "    /* the case's variables */\n");
    for (int i = 0; i < g->ci->nvals; i++) {
        const value *v = &g->ci->vals[i];
        if (v->role != ROLE_VAR)
            continue;
        bool whole = v->num == floor(v->num) && fabs(v->num) < 2147483647.0;
        sb_printf(g->sb, "    const %s %s = ", whole ? "int" : "double",
                  cname(g, v->name, cn, sizeof cn));
        number(g->sb, whole ? VT_INT : VT_DOUBLE, v->num);
        sb_add(g->sb, ";\n");
    }
}

/* Inputs (read-only), inout arrays (their contents before the calls),
 * outputs (poisoned before the calls, as mldrill does, so an element
 * never written shows), and room for the strings a call returns. */
static void emit_arrays(const gen *g)
{
    char cn[160];
    sb_add(g->sb, "\n    /* its inputs, and its outputs */\n");
    for (int i = 0; i < g->ci->nvals; i++) {
        const value *v = &g->ci->vals[i];
        cname(g, v->name, cn, sizeof cn);
        if (v->role == ROLE_INPUT || v->role == ROLE_INOUT)
            array(g, v->role == ROLE_INPUT, cn, v, v->data);
        if (v->role != ROLE_OUTPUT)
            continue;
        array(g, false, cn, v, NULL);
        if (v->type == VT_STRING)
            sb_printf(g->sb, "    static char *kept_%s[%lld];\n", cn, v->count ? v->count : 1);
    }
    for (int i = 0; i < g->ci->nvals; i++) {
        const value *v = &g->ci->vals[i];
        if (v->role != ROLE_OUTPUT)
            continue;
        cname(g, v->name, cn, sizeof cn);
        sb_printf(g->sb, "    md_poison_%s(%s, %lld);\n",
                  v->type == VT_INT ? "ints" : v->type == VT_DOUBLE ? "doubles" : "strings", cn,
                  v->count);
        if (v->type == VT_STRING)
            sb_printf(g->sb, "    md_keep_strings(%s, kept_%s, %lld);\n", cn, cn, v->count);
    }
}

/* The handle type a result holds: the return type of a call storing it. */
static const char *handle_type(const gen *g, const char *result)
{
    for (int k = 0; k < g->ci->ncalls; k++)
        if (g->ci->calls[k].result && strcmp(g->ci->calls[k].result, result) == 0)
            return g->c->functions[g->ci->calls[k].fn].ret_handle;
    return "void";
}

/* The calls' return values, and which calls ran. */
static void emit_results(const gen *g)
{
    char cn[160];
    for (int i = 0; i < g->ci->nvals; i++) {
        const value *v = &g->ci->vals[i];
        cname(g, v->name, cn, sizeof cn);
        if (v->role == ROLE_RESULT && v->type == VT_HANDLE)
            sb_printf(g->sb, "    %s *%s = NULL;\n", handle_type(g, v->name), cn);
        else if (v->role == ROLE_RESULT)
            sb_printf(g->sb, "    %s %s = 0;\n", c_type(v->type), cn);
    }
    sb_printf(g->sb, "    int called[%d] = {0}, ran = 0;\n", g->ci->ncalls);
}

/* --- the calls ------------------------------------------------------------------- */

/* Call k's arguments into args, and the handles it needs into need
 * ("enc && model"): the runner skips a call whose handle is NULL, unless
 * the call releases it (a release case passes NULL itself). */
static void call_args(const gen *g, int k, strbuf *args, strbuf *need)
{
    const call *cl = &g->ci->calls[k];
    const function *f = &g->c->functions[cl->fn];
    char cn[160];
    for (int p = 0; p < f->nparams; p++) {
        const param *pa = &f->params[p];
        const char *var = call_binding(cl, pa);
        if (strcmp(var, CALL_NULL_HANDLE) == 0)
            snprintf(cn, sizeof cn, "NULL");
        else
            cname(g, var, cn, sizeof cn);
        sb_printf(args, "%s%s%s", p ? ", " : "", cn,
                  !pa->array && pa->type == VT_STRING ? "[0]" : "");
        if (pa->type == VT_HANDLE && !function_releases(f))
            sb_printf(need, "%s%s", need->len ? " && " : "", cn);
    }
}

/* Copies of the strings call k put in string outputs, as the runner
 * takes them right after the call. */
static void keep_strings(const gen *g, int k, const char *indent)
{
    const call *cl = &g->ci->calls[k];
    const function *f = &g->c->functions[cl->fn];
    char cn[160];
    for (int p = 0; p < f->nparams; p++) {
        const value *v = case_value(g->ci, call_binding(cl, &f->params[p]));
        if (v && v->role == ROLE_OUTPUT && v->type == VT_STRING && v->array)
            sb_printf(g->sb, "%smd_keep_strings(%s, kept_%s, %lld);\n", indent,
                      cname(g, v->name, cn, sizeof cn), cn, v->count);
    }
}

static void emit_call(const gen *g, int k)
{
    const call *cl = &g->ci->calls[k];
    const function *f = &g->c->functions[cl->fn];
    strbuf args = {0}, need = {0};
    call_args(g, k, &args, &need);
    char cn[160];
    const char *in = need.len ? "        " : "    ";
    sb_printf(g->sb, "\n    md_call(%d, %d, \"%s\");\n", k + 1, g->ci->ncalls, f->name);
    if (need.len)
        sb_printf(g->sb, "    if (%s) {\n", sb_str(&need));
    sb_add(g->sb, in);
    if (cl->result)
        sb_printf(g->sb, "%s = ", cname(g, cl->result, cn, sizeof cn));
    sb_printf(g->sb, "%s(%s);\n%scalled[%d] = ran = 1;\n", f->name, sb_str(&args), in, k);
    keep_strings(g, k, in);
    if (need.len)
        sb_printf(g->sb, "    } else {\n        printf(\"  skipped: %s is NULL\\n\");\n    }\n",
                  sb_str(&need));
    sb_free(&args);
    sb_free(&need);
}

/* --- what the reference gave ------------------------------------------------- */

static long long exp_count(const gen *g, const check *ck, const value *x);

/* How many of the reference's values of x the checks compare: all of
 * them, but for a check that compares the first count only. */
static long long expected_len(const gen *g, const value *x)
{
    long long len = -1;
    for (int k = 0; k < g->ci->nchecks; k++) {
        const check *ck = &g->ci->checks[k];
        const char *other[] = {ck->points, ck->centroids, ck->other, ck->labels, ck->weights};
        for (size_t j = 0; j < sizeof other / sizeof other[0]; j++)
            if (other[j] && strcmp(other[j], x->name) == 0)
                len = x->count;
        if (strcmp(ck->output, x->name) != 0)
            continue;
        long long n = ck->count ? exp_count(g, ck, x) : x->count;
        len = n > len ? n : len;
    }
    return len < 0 ? x->count : len;
}

/* Every output and result of the reference's run, as expect_NAME. */
static void emit_expected(const gen *g)
{
    char cn[160], name[200];
    sb_add(g->sb, "\n    /* what the reference gives on this case */\n");
    for (int i = 0; i < g->ref->nvals; i++) {
        const value *x = &g->ref->vals[i];
        if (!x->present)
            continue;
        snprintf(name, sizeof name, "expect_%s", cname(g, x->name, cn, sizeof cn));
        if (x->array) {
            array_n(g, true, name, x, x->data, expected_len(g, x));
            continue;
        }
        sb_printf(g->sb, "    const %s %s = ", x->type == VT_DOUBLE ? "double" : "int", name);
        number(g->sb, x->type == VT_DOUBLE ? VT_DOUBLE : VT_INT, x->num);
        sb_add(g->sb, ";\n");
    }
}

/* --- the checks ------------------------------------------------------------------ */

/* Whether the reference's run computed name. */
static bool ref_has(const gen *g, const char *name)
{
    for (int i = 0; i < g->ref->nvals; i++)
        if (strcmp(g->ref->vals[i].name, name) == 0)
            return g->ref->vals[i].present;
    return false;
}

/* "md_arr var = {...};" over data, an array of v's shape. */
static void desc(const gen *g, const char *var, const value *v, const char *data, bool output)
{
    char l[300];
    sb_printf(g->sb, "        md_arr %s = {%s, %s, %s, %lld, %d, {", var, lit(v->name, l, sizeof l),
              v->type == VT_INT ? "MD_INT" : v->type == VT_STRING ? "MD_STRING" : "MD_DOUBLE",
              data, v->count, v->ndim);
    for (int d = 0; d < v->ndim; d++)
        sb_printf(g->sb, "%s%lld", d ? ", " : "", v->dims[d]);
    sb_printf(g->sb, "%s}, %d};\n", v->ndim ? "" : "0", output);
}

/* The solution's value of name as an md_arr var: its array, or the copies
 * of the strings it returned. */
static void got_desc(const gen *g, const char *var, const char *name)
{
    const value *v = case_value(g->ci, name);
    char cn[160], data[200];
    cname(g, name, cn, sizeof cn);
    snprintf(data, sizeof data, "%s%s", v->role == ROLE_OUTPUT && v->type == VT_STRING ? "kept_"
                                                                                       : "",
             cn);
    desc(g, var, v, data, v->role == ROLE_OUTPUT);
}

/* The reference's value of name as an md_arr var: what its run computed,
 * else the case's own (an input). */
static void exp_desc(const gen *g, const char *var, const char *name)
{
    const value *x = cmp_env_get(&g->exp, name);
    char cn[160], data[200];
    cname(g, name, cn, sizeof cn);
    snprintf(data, sizeof data, "%s%s", ref_has(g, name) ? "expect_" : "", cn);
    desc(g, var, x, data, false);
}

/* An expression of the spec (a count: "iters", "n_iter", "3*n/4") in C
 * over the program's names: a one-element output reads as its element. */
static void expr_c(const gen *g, const expr *e, strbuf *out)
{
    char cn[160];
    for (const char *p = expr_text(e); *p;) {
        if (!isalpha((unsigned char)*p) && *p != '_') {
            sb_addc(out, *p++);
            continue;
        }
        size_t n = 1;
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
        char *name = xstrndup(p, n);
        const value *v = case_value(g->ci, name);
        if (p[n] == '(')
            sb_add(out, strcmp(name, "min") == 0 ? "fmin" : strcmp(name, "max") == 0 ? "fmax"
                                                                                     : name);
        else
            sb_printf(out, "%s%s", cname(g, name, cn, sizeof cn),
                      v && v->array && v->count == 1 ? "[0]" : "");
        free(name);
        p += n;
    }
}

/* How many of the solution's values a check looks at, in C. */
static void got_count(const gen *g, const check *ck, const value *v, strbuf *out)
{
    if (!ck->count) {
        sb_printf(out, "%lld", v->count);
        return;
    }
    sb_add(out, "md_count((double)(");
    expr_c(g, ck->count, out);
    sb_printf(out, "), %lld)", v->count);
}

/* How many of the reference's: worked out now. */
static long long exp_count(const gen *g, const check *ck, const value *x)
{
    long long n;
    md_err err;
    if (!ck->count ||
        expr_eval_int(ck->count, cmp_env_lookup, (void *)&g->exp, 0, x->count, &n, &err) != 0)
        return x->count;
    return n;
}

/* "RTOL, ATOL);" and the line's end. */
static void tolerances(strbuf *sb, double rtol, double atol)
{
    sb_printf(sb, "%s, ", shortest(rtol));
    sb_printf(sb, "%s);\n", shortest(atol));
}

/* One check's comparison, written inside its block: v is the case's
 * value of the check's output, cn its C name. */
typedef void (*emitter)(const gen *g, const check *ck, const value *v, const char *cn);

/* allclose, or equal (exact): numbers, strings, or a handle's NULL-ness. */
static void close_or_equal(const gen *g, const check *ck, const value *v, const char *cn,
                           bool exact)
{
    double rtol = exact ? 0 : ck->rtol;
    double atol = exact && (v->type == VT_INT || !v->array) ? 0 : ck->atol;
    strbuf n = {0};
    char l[300];
    lit(v->name, l, sizeof l);
    if (v->type == VT_HANDLE) {
        sb_printf(g->sb, "        md_handle(%s, %s, expect_%s);\n", l, cn, cn);
    } else if (v->type == VT_STRING) {
        got_desc(g, "g_", v->name);
        exp_desc(g, "x_", v->name);
        sb_add(g->sb, "        md_strings(&g_, &x_);\n");
    } else if (!v->array) {
        sb_printf(g->sb, "        md_scalar(%s, (double)%s, (double)expect_%s, ", l, cn,
                  cn);
        tolerances(g->sb, rtol, atol);
    } else {
        got_desc(g, "g_", v->name);
        exp_desc(g, "x_", v->name);
        got_count(g, ck, v, &n);
        sb_printf(g->sb, "        md_allclose(&g_, %s, &x_, %lld, ", sb_str(&n),
                  exp_count(g, ck, cmp_env_get(&g->exp, v->name)));
        tolerances(g->sb, rtol, atol);
    }
    sb_free(&n);
}

static void e_allclose(const gen *g, const check *ck, const value *v, const char *cn)
{
    close_or_equal(g, ck, v, cn, false);
}

static void e_equal(const gen *g, const check *ck, const value *v, const char *cn)
{
    close_or_equal(g, ck, v, cn, true);
}

static void e_nearest(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)cn;
    got_desc(g, "g_", v->name);
    exp_desc(g, "x_", v->name);
    exp_desc(g, "X_", ck->points);
    exp_desc(g, "C_", ck->centroids);
    sb_add(g->sb, "        md_nearest(&g_, &x_, &X_, &C_, ");
    tolerances(g->sb, ck->rtol, ck->atol);
}

static void e_permutation(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)ck;
    (void)cn;
    got_desc(g, "g_", v->name);
    exp_desc(g, "x_", v->name);
    sb_add(g->sb, "        md_permutation(&g_, &x_);\n");
}

static void e_set(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)cn;
    strbuf n = {0};
    got_desc(g, "g_", v->name);
    exp_desc(g, "x_", v->name);
    got_count(g, ck, v, &n);
    sb_printf(g->sb, "        md_set(&g_, %s, &x_, %lld, ", sb_str(&n),
              exp_count(g, ck, cmp_env_get(&g->exp, v->name)));
    tolerances(g->sb, ck->rtol, ck->atol);
    sb_free(&n);
}

static void e_at_least(const gen *g, const check *ck, const value *v, const char *cn)
{
    const char *el = v->array ? "[0]" : "";
    char l[300];
    sb_printf(g->sb, "        md_at_least(%s, (double)%s%s, (double)expect_%s%s, ",
              lit(v->name, l, sizeof l),
              cn, el, cn, el);
    tolerances(g->sb, ck->rtol, ck->atol);
}

static void e_finite(const gen *g, const check *ck, const value *v, const char *cn)
{
    strbuf n = {0};
    if (v->array) {
        got_desc(g, "g_", v->name);
        got_count(g, ck, v, &n);
    } else {
        sb_printf(g->sb, "        double t_ = %s;\n", cn);
        char l[300];
        sb_printf(g->sb, "        md_arr g_ = {%s, MD_DOUBLE, &t_, 1, 0, {0}, 0};\n",
                  lit(v->name, l, sizeof l));
        sb_add(&n, "1");
    }
    sb_printf(g->sb, "        md_finite(&g_, %s);\n", sb_str(&n));
    sb_free(&n);
}

static void e_partition(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)cn;
    got_desc(g, "g_", v->name);
    got_desc(g, "o_", ck->other);
    got_desc(g, "l_", ck->labels);
    exp_desc(g, "xo_", ck->other);
    sb_printf(g->sb, "        md_partition(&g_, &o_, &l_, &xo_, %s);\n", shortest(ck->atol));
}

static void e_gradcheck(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)cn;
    char *what = xasprintf("%s: its gradient against finite differences of %s (mldrill "
                           "checks it, this program does not)", v->name, ck->loss);
    char l[600];
    sb_printf(g->sb, "        md_skip(%s);\n", lit(what, l, sizeof l));
    free(what);
}

/* Untouched: as the case gave it (an inout's contents before the calls,
 * kept as initial_NAME), or the poison of an output. */
static void e_untouched(const gen *g, const check *ck, const value *v, const char *cn)
{
    (void)ck;
    char name[200];
    got_desc(g, "g_", v->name);
    if (v->role != ROLE_INOUT) {
        sb_add(g->sb, "        md_untouched(&g_, NULL);\n");
        return;
    }
    snprintf(name, sizeof name, "initial_%s", cn);
    array(g, true, name, v, v->data);
    desc(g, "i_", v, name, false);
    sb_add(g->sb, "        md_untouched(&g_, &i_);\n");
}

/* The emitters, by comparator. */
static const emitter emitters[CMP_KIND_COUNT] = {
    [CMP_ALLCLOSE] = e_allclose,       [CMP_EQUAL] = e_equal,
    [CMP_NEAREST] = e_nearest,         [CMP_PERMUTATION] = e_permutation,
    [CMP_SET] = e_set,                 [CMP_AT_LEAST] = e_at_least,
    [CMP_GRADCHECK] = e_gradcheck,     [CMP_PARTITION] = e_partition,
    [CMP_FINITE] = e_finite,           [CMP_UNTOUCHED] = e_untouched,
};

/* A check's declared value (a rejection's NULL or -1) instead of the
 * reference's. */
static void declared_value(const gen *g, const check *ck, const value *v, const char *cn)
{
    bool exact = ck->kind == CMP_EQUAL;
    char l[300];
    lit(v->name, l, sizeof l);
    if (v->type == VT_HANDLE) {
        sb_printf(g->sb, "        md_handle(%s, %s, %d);\n", l, cn, ck->value != 0);
        return;
    }
    sb_printf(g->sb, "        md_value(%s, ", l);
    if (v->array && v->count > 0)
        sb_printf(g->sb, "(double)%s[0]", cn);
    else
        sb_printf(g->sb, v->array ? "NAN" : "(double)%s", cn);
    sb_printf(g->sb, ", %s, ", shortest(ck->value));
    tolerances(g->sb, exact ? 0 : ck->rtol, exact ? 0 : ck->atol);
}

/* The last call that stores into result, or -1. */
static int last_call(const gen *g, const char *result)
{
    int last = -1;
    for (int k = 0; k < g->ci->ncalls; k++)
        if (g->ci->calls[k].result && strcmp(g->ci->calls[k].result, result) == 0)
            last = k;
    return last;
}

/* Check k in a block of its own: not computed when no call that writes
 * its output ran, else its comparison. */
static void emit_check(const gen *g, int k)
{
    const check *ck = &g->ci->checks[k];
    const value *v = case_value(g->ci, ck->output);
    char cn[160], l[600];
    cname(g, ck->output, cn, sizeof cn);
    bool needs_ref = ck->kind != CMP_FINITE && ck->kind != CMP_UNTOUCHED && !ck->has_value &&
                     ck->kind != CMP_GRADCHECK;
    if (!v || (unsigned)ck->kind >= CMP_KIND_COUNT || !emitters[ck->kind] ||
        (needs_ref && !v->array && !ref_has(g, ck->output))) {
        char *what = xasprintf("%s: the reference did not compute it", ck->output);
        sb_printf(g->sb, "    md_skip(%s);\n", lit(what, l, sizeof l));
        free(what);
        return;
    }
    if (v->role == ROLE_RESULT)
        sb_printf(g->sb, "    if (!called[%d])\n", last_call(g, v->name));
    else if (v->role == ROLE_OUTPUT || v->role == ROLE_INOUT)
        sb_add(g->sb, "    if (!ran)\n");
    if (v->role == ROLE_RESULT || v->role == ROLE_OUTPUT || v->role == ROLE_INOUT)
        sb_printf(g->sb, "        md_not_computed(%s);\n    else", lit(v->name, l, sizeof l));
    else
        sb_add(g->sb, "   ");
    sb_add(g->sb, " {\n");
    if (ck->has_value)
        declared_value(g, ck, v, cn);
    else
        emitters[ck->kind](g, ck, v, cn);
    sb_add(g->sb, "    }\n");
}

char *debug_program(const challenge *c, const case_inst *ci, const xrun *ref,
                    const char *about)
{
    strbuf sb = {0};
    gen g = {c, ci, ref, {ci, ref->vals, ref->nvals}, &sb};
    sb_printf(&sb, "/* %s\n *\n * `make` builds this program with your file and runs it: the case's calls\n"
                   " * in order, then each of its checks, your outputs against the reference's\n"
                   " * with mldrill's tolerances.  It exits 1 when a check fails.  Add printf to\n"
                   " * your code, or `make gdb`.  (Written by mldrill debug.) */\n"
                   "#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
                   "#include \"check.h\"\n\nint main(void)\n{\n",
              about);
    emit_vars(&g);
    emit_arrays(&g);
    emit_results(&g);
    sb_add(&sb, "\n    /* the calls */");
    for (int k = 0; k < ci->ncalls; k++)
        emit_call(&g, k);
    emit_expected(&g);
    sb_add(&sb, "\n    /* the checks */\n    printf(\"checks:\\n\");\n");
    for (int k = 0; k < ci->nchecks; k++)
        emit_check(&g, k);
    sb_add(&sb, "    return md_summary();\n}\n");
    return sb_take(&sb);
}

/* The words of the libraries' flags: the include directories (-I), or
 * the rest (what linking takes). */
static void lib_words(strbuf *sb, bool includes)
{
    char *words = xstrdup(compile_libs()), *save = NULL;
    for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if ((strncmp(w, "-I", 2) == 0) == includes)
            sb_printf(sb, " %s", w);
    free(words);
}

char *debug_makefile(const char *solution, const char *about)
{
    strbuf sb = {0};
    int n;
    const char *const *flags = compile_flags(&n);
    sb_printf(&sb, "# %s\n#\n"
                   "#   make        builds ./debug from main.c and your file, and runs it\n"
                   "#   make gdb    runs it under gdb\n"
                   "#   make clean\n#\n"
                   "# solution.c is a link to your file: %s\n"
                   "# The flags are those mldrill grades with, plus -g -O0 (and no -shared:\n"
                   "# this is a program, not a shared object).\n\n",
               about, solution);
    sb_printf(&sb, "CC = %s\nCFLAGS =", compile_cc());
    for (int i = 0; i < n; i++)
        if (strcmp(flags[i], "-shared") != 0 && strncmp(flags[i], "-fdiagnostics-color", 19) != 0)
            sb_printf(&sb, " %s", flags[i]);
    sb_add(&sb, " -g -O0\nCPPFLAGS =");
    lib_words(&sb, true);
    sb_add(&sb, "\nLDLIBS =");
    lib_words(&sb, false);
    sb_add(&sb, "\n\n");
    /* the runner's environment (run/launch.c): OpenBLAS variables set in
     * a shell change its kernels, and so the last bits of results */
    sb_add(&sb, "# run as mldrill's runner does: no OPENBLAS_* or OMP_* variable of yours,\n"
                "# one thread (a set OPENBLAS_CORETYPE changes the last bits of results)\n"
                "RUNENV = env $(foreach v,$(filter OPENBLAS_% GOTO_% OMP_%,$(.VARIABLES)),-u $(v)) "
                "OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 LC_ALL=C\n\n");
    sb_add(&sb, "run: debug\n\t$(RUNENV) ./debug\n\n"
                "debug: main.o solution.o\n\t$(CC) -o $@ main.o solution.o $(LDLIBS)\n\n"
                "solution.o: solution.c prototypes.h\n"
                "\t$(CC) $(CPPFLAGS) $(CFLAGS) -include prototypes.h -c -o $@ solution.c\n\n"
                "main.o: main.c check.h prototypes.h\n"
                "\t$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused -include prototypes.h -c -o $@ "
                "main.c\n\n"
                "gdb: debug\n\t$(RUNENV) gdb ./debug\n\n"
                "clean:\n\trm -f debug main.o solution.o\n\n"
                ".PHONY: run gdb clean\n");
    return sb_take(&sb);
}
