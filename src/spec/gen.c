/* gen — see gen.h.  What is particular to a kind is in its row of
 * gen_kinds[] (gen_kinds.h); this file parses a generator object, applies
 * the modifiers, and converts the numbers to the value's type. */

#include "spec/gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B(p) (1u << (p))

const char *gen_kind_name(gen_kind k)
{
    return k < G_KIND_COUNT ? gen_kinds[k].name : "?";
}

void gen_free(gen_spec *g)
{
    if (!g)
        return;
    for (int i = 0; i < GP_COUNT; i++)
        expr_free(g->p[i]);
    free(g->from);
    for (int i = 0; i < g->nsets; i++) {
        expr_free(g->sets[i].at);
        expr_free(g->sets[i].count);
        expr_free(g->sets[i].stride);
    }
    free(g->sets);
    free(g->lit);
    if (g->lit_str)
        for (long long i = 0; i < g->nlit; i++)
            free(g->lit_str[i]);
    free(g->lit_str);
    for (int i = 0; i < g->nargs; i++) {
        expr_free(g->args[i]);
        free(g->arg_names[i]);
    }
    free(g->args);
    free(g->arg_names);
    free(g->arg_int);
    free(g->prog_name);
    free(g);
}

/* --- parsing ----------------------------------------------------------- */

/* "nan", "inf", "-inf" written as strings in numeric literals. */
static int special_number(const char *s, double *v)
{
    if (strcmp(s, "nan") == 0 || strcmp(s, "NaN") == 0)
        *v = NAN;
    else if (strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0)
        *v = INFINITY;
    else if (strcmp(s, "-inf") == 0)
        *v = -INFINITY;
    else
        return 0;
    return 1;
}

/* Counts a literal's leaves: numbers, strings and, when nulls are NULL
 * strings (expected outputs), nulls; otherwise a null counts as a number
 * (and is refused as one). */
static void count_leaves(const cJSON *j, bool nulls, long long *nums, long long *strs,
                         long long *nils)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (cJSON_IsArray(it))
            count_leaves(it, nulls, nums, strs, nils);
        else if (nulls && cJSON_IsNull(it))
            (*nils)++;
        else if (cJSON_IsString(it)) {
            double v;
            if (special_number(it->valuestring, &v))
                (*nums)++;
            else
                (*strs)++;
        } else
            (*nums)++;
    }
}

static int flatten(const jdoc *d, const cJSON *j, const char *path, bool nulls,
                   gen_spec *g, long long *k, md_err *err)
{
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, j)
    {
        char *p = jpath_idx(path, i++);
        int rc = 0;
        if (cJSON_IsArray(it)) {
            rc = flatten(d, it, p, nulls, g, k, err);
        } else if (g->lit_strings && nulls && cJSON_IsNull(it)) {
            g->lit_str[(*k)++] = NULL;    /* counted as a NULL string */
        } else if (g->lit_strings) {
            if (!cJSON_IsString(it))
                rc = jdoc_fail(d, err, p, "expected a string (this literal "
                                          "holds strings)");
            else
                g->lit_str[(*k)++] = xstrdup(it->valuestring);
        } else if (cJSON_IsNumber(it)) {
            g->lit[(*k)++] = it->valuedouble;
        } else if (cJSON_IsString(it) &&
                   special_number(it->valuestring, &g->lit[*k])) {
            (*k)++;
        } else {
            rc = jdoc_fail(d, err, p, "expected a number (or \"nan\", "
                                      "\"inf\", \"-inf\")");
        }
        free(p);
        if (rc)
            return -1;
    }
    return 0;
}

/* With nulls, a null is a NULL string: in a literal of strings (or of
 * nulls alone); in one of numbers it is refused where it stands. */
static int parse_literal(const jdoc *d, const cJSON *j, const char *path, bool nulls,
                         gen_spec *g, md_err *err)
{
    if (!cJSON_IsArray(j))
        return jdoc_fail(d, err, path, "expected an array of numbers or "
                                       "strings (nested arrays are flattened)");
    long long nums = 0, strs = 0, nils = 0;
    count_leaves(j, nulls, &nums, &strs, &nils);
    g->lit_strings = strs > 0 || (nils > 0 && nums == 0);
    if (!g->lit_strings)
        nums += nils;    /* each null refused as a number */
    else
        strs += nils;
    g->nlit = nums + strs;
    if (g->lit_strings)
        g->lit_str = xcalloc((size_t)g->nlit + 1, sizeof(char *));
    else
        g->lit = xcalloc((size_t)g->nlit + 1, sizeof(double));
    long long k = 0;
    return flatten(d, j, path, nulls, g, &k, err);
}

static gen_spec *literal(const jdoc *d, const cJSON *j, const char *path, bool nulls,
                         md_err *err)
{
    gen_spec *g = xcalloc(1, sizeof *g);
    g->kind = G_LITERAL;
    cJSON *arr = NULL;    /* a lone number or string is a literal of one */
    if (!cJSON_IsArray(j)) {
        arr = cJSON_CreateArray();
        cJSON_AddItemToArray(arr, cJSON_Duplicate(j, true));
    }
    int rc = parse_literal(d, arr ? arr : j, path, nulls, g, err);
    cJSON_Delete(arr);
    if (rc != 0) {
        gen_free(g);
        return NULL;
    }
    return g;
}

gen_spec *gen_parse_literal(const jdoc *d, const cJSON *j, const char *path, md_err *err)
{
    return literal(d, j, path, false, err);
}

gen_spec *gen_parse_expected(const jdoc *d, const cJSON *j, const char *path, md_err *err)
{
    return literal(d, j, path, true, err);
}

static int parse_sets(const jdoc *d, const cJSON *j, const char *path,
                      gen_spec *g, md_err *err)
{
    if (!cJSON_IsArray(j))
        return jdoc_fail(d, err, path, "expected an array of "
                                       "{\"at\": index, \"count\": n, \"value\": x}");
    int n = cJSON_GetArraySize(j);
    g->sets = xcalloc((size_t)n + 1, sizeof *g->sets);
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *p = jpath_idx(path, g->nsets);
        gen_set *s = &g->sets[g->nsets++];
        s->value = NAN;
        int rc = 0;
        if (!cJSON_IsObject(it))
            rc = jdoc_fail(d, err, p, "expected {\"at\": index, \"count\": n, "
                                      "\"value\": x}");
        const cJSON *f;
        bool have_value = false;
        if (!rc)
            cJSON_ArrayForEach(f, it)
            {
                char *fp = jpath_key(p, f->string);
                if (strcmp(f->string, "at") == 0)
                    rc = (s->at = jdoc_expr(d, f, fp, err)) ? 0 : -1;
                else if (strcmp(f->string, "count") == 0)
                    rc = (s->count = jdoc_expr(d, f, fp, err)) ? 0 : -1;
                else if (strcmp(f->string, "stride") == 0)
                    rc = (s->stride = jdoc_expr(d, f, fp, err)) ? 0 : -1;
                else if (strcmp(f->string, "value") == 0) {
                    have_value = true;
                    if (cJSON_IsNumber(f))
                        s->value = f->valuedouble;
                    else if (!cJSON_IsString(f) ||
                             !special_number(f->valuestring, &s->value))
                        rc = jdoc_fail(d, err, fp, "expected a number or "
                                                   "\"nan\", \"inf\", \"-inf\"");
                } else
                    rc = jdoc_fail(d, err, fp, "unknown key (expected at, "
                                               "count, stride, value)");
                free(fp);
                if (rc)
                    break;
            }
        if (!rc && (!s->at || !have_value))
            rc = jdoc_fail(d, err, p, "needs \"at\" and \"value\"");
        free(p);
        if (rc)
            return -1;
    }
    return 0;
}


/* "normal, uniform, ..., permutation" and the programs' names: every
 * kind a spec may name (caller frees). */
static char *kind_list(const gen_programs *progs)
{
    strbuf sb = {0};
    for (int k = 1; k < G_KIND_COUNT; k++)
        if (k != G_PROGRAM)
            sb_printf(&sb, "%s%s", k > 1 ? ", " : "", gen_kinds[k].name);
    for (int i = 0; progs && i < progs->n; i++)
        sb_printf(&sb, ", %s", progs->p[i].name);
    return sb_take(&sb);
}

/* g names program i, pr: it keeps its name and parameters. */
static void take_program(gen_spec *g, int i, const gen_program *pr)
{
    g->kind = G_PROGRAM;
    g->prog = i;
    g->prog_name = xstrdup(pr->name);
    g->nargs = pr->nparams;
    g->args = xcalloc((size_t)g->nargs + 1, sizeof(expr *));
    g->arg_names = xcalloc((size_t)g->nargs + 1, sizeof(char *));
    g->arg_int = xcalloc((size_t)g->nargs + 1, sizeof(bool));
    for (int k = 0; k < g->nargs; k++) {
        g->arg_names[k] = xstrdup(pr->params[k]);
        g->arg_int[k] = pr->ints[k];
    }
}

/* "gen" (or "literal"): the kind of generator, or one of the programs. */
static int parse_kind(const jdoc *d, const cJSON *j, const char *path, gen_spec *g,
                      const gen_programs *progs, md_err *err)
{
    const cJSON *lit = cJSON_GetObjectItemCaseSensitive(j, "literal");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(j, "gen");
    if (lit && kind)
        return jdoc_fail(d, err, path, "give either \"gen\" or \"literal\", not both");
    if (lit) {
        g->kind = G_LITERAL;
        return 0;
    }
    const char *name = kind && cJSON_IsString(kind) ? kind->valuestring : NULL;
    for (int k = 1; name && k < G_KIND_COUNT; k++)
        if (k != G_PROGRAM && strcmp(name, gen_kinds[k].name) == 0) {
            g->kind = (gen_kind)k;
            return 0;
        }
    for (int i = 0; name && progs && i < progs->n; i++)
        if (strcmp(name, progs->p[i].name) == 0) {
            take_program(g, i, &progs->p[i]);
            return 0;
        }
    char *kinds = kind_list(progs);
    if (!name) {
        jdoc_fail(d, err, path, "missing \"gen\" (one of %s) or \"literal\"", kinds);
    } else {
        char *p = jpath_key(path, "gen");
        jdoc_fail(d, err, p, "unknown generator \"%s\" (expected %s)", name, kinds);
        free(p);
    }
    free(kinds);
    return -1;
}

/* The name of a program's own parameter i. */
static const char *arg_name(const gen_spec *g, int i)
{
    return g->arg_names[i];
}

/* A key the kind does not take: the message lists those it does. */
static int unknown_key(const jdoc *d, const char *p, const gen_spec *g, md_err *err)
{
    const gen_kind_def *kd = &gen_kinds[g->kind];
    strbuf ok = {0};
    for (int i = 0; i < g->nargs; i++)
        sb_printf(&ok, "%s%s", ok.len ? ", " : "", arg_name(g, i));
    for (int q = 0; q < GP_COUNT; q++)
        if (kd->allowed & B(q))
            sb_printf(&ok, "%s%s", ok.len ? ", " : "", gen_param_name((gen_param)q));
    if (kd->from)
        sb_printf(&ok, "%sfrom", ok.len ? ", " : "");
    if (kd->option)
        sb_printf(&ok, ", %s", kd->option);
    if (kd->sets)
        sb_printf(&ok, "%sset", ok.len ? ", " : "");
    if (!ok.len)
        sb_add(&ok, "gen");    /* it takes nothing else */
    int rc = jdoc_fail(d, err, p, "unknown key for generator \"%s\" (expected %s)",
                       g->prog_name ? g->prog_name : kd->name, sb_str(&ok));
    sb_free(&ok);
    return rc;
}

/* One key of a generator object (at path p). */
static int parse_key(const jdoc *d, const cJSON *f, const char *p, gen_spec *g, md_err *err)
{
    const gen_kind_def *kd = &gen_kinds[g->kind];
    const char *key = f->string;
    if (strcmp(key, "gen") == 0)
        return 0;    /* read by parse_kind */
    if (strcmp(key, "literal") == 0)
        return parse_literal(d, f, p, false, g, err);
    if (strcmp(key, "from") == 0 && kd->from) {
        if (!cJSON_IsString(f))
            return jdoc_fail(d, err, p, "expected the name of an input");
        g->from = xstrdup(f->valuestring);
        return 0;
    }
    if (kd->option && strcmp(key, kd->option) == 0)
        return kd->parse_option(d, f, p, g, err);
    if (strcmp(key, "set") == 0 && kd->sets)
        return parse_sets(d, f, p, g, err);
    for (int i = 0; i < g->nargs; i++)
        if (strcmp(key, arg_name(g, i)) == 0)
            return (g->args[i] = jdoc_expr(d, f, p, err)) ? 0 : -1;
    int k;
    for (k = 0; k < GP_COUNT; k++)
        if (strcmp(key, gen_param_name((gen_param)k)) == 0)
            break;
    if (k == GP_COUNT || !(kd->allowed & B(k)))
        return unknown_key(d, p, g, err);
    g->p[k] = jdoc_expr(d, f, p, err);
    return g->p[k] ? 0 : -1;
}

/* The parameters and "from" the kind requires. */
static int check_required(const jdoc *d, const char *path, const gen_spec *g, md_err *err)
{
    const gen_kind_def *kd = &gen_kinds[g->kind];
    for (int k = 0; k < GP_COUNT; k++)
        if ((kd->required & B(k)) && !g->p[k])
            return jdoc_fail(d, err, path, "generator \"%s\" needs \"%s\"", kd->name,
                             gen_param_name((gen_param)k));
    if (kd->from && !g->from)
        return jdoc_fail(d, err, path, "generator \"%s\" needs \"from\" (the input "
                                       "it is derived from)", kd->name);
    for (int i = 0; i < g->nargs; i++)
        if (!g->args[i])
            return jdoc_fail(d, err, path, "generator \"%s\" needs \"%s\" (a parameter of "
                                           "the program)", g->prog_name, arg_name(g, i));
    return 0;
}

gen_spec *gen_parse(const jdoc *d, const cJSON *j, const char *path,
                    const gen_programs *progs, md_err *err)
{
    if (!cJSON_IsObject(j)) {
        jdoc_fail(d, err, path, "expected a generator object such as "
                                "{\"gen\": \"normal\"} or {\"literal\": [...]}");
        return NULL;
    }
    gen_spec *g = xcalloc(1, sizeof *g);
    if (parse_kind(d, j, path, g, progs, err) != 0)
        goto fail;
    const cJSON *f;
    cJSON_ArrayForEach(f, j)
    {
        char *p = jpath_key(path, f->string);
        int rc = parse_key(d, f, p, g, err);
        free(p);
        if (rc)
            goto fail;
    }
    if (check_required(d, path, g, err) != 0)
        goto fail;
    return g;
fail:
    gen_free(g);
    return NULL;
}

int gen_each_expr(const gen_spec *g, int (*fn)(void *ctx, const expr *e, const char *sub),
                  void *ctx)
{
    int rc = 0;
    for (int k = 0; k < GP_COUNT && !rc; k++)
        if (g->p[k])
            rc = fn(ctx, g->p[k], gen_param_name((gen_param)k));
    for (int i = 0; i < g->nargs && !rc; i++)
        rc = fn(ctx, g->args[i], arg_name(g, i));
    static const char *const keys[] = {"at", "count", "stride"};
    for (int i = 0; i < g->nsets && !rc; i++) {
        const expr *es[] = {g->sets[i].at, g->sets[i].count, g->sets[i].stride};
        for (int k = 0; k < 3 && !rc; k++) {
            if (!es[k])
                continue;
            char sub[48];
            snprintf(sub, sizeof sub, "set[%d].%s", i, keys[k]);
            rc = fn(ctx, es[k], sub);
        }
    }
    return rc;
}

int gen_set_range(const gen_spec *g, int s, const value *dst, expr_lookup lookup, void *ctx,
                  long long *at, long long *count, long long *stride, md_err *err)
{
    const gen_set *set = &g->sets[s];
    long long n = dst->count;
    *count = 1;
    *stride = 1;
    if (expr_eval_int(set->at, lookup, ctx, 0, n > 0 ? n - 1 : 0, at, err) ||
        (set->count && expr_eval_int(set->count, lookup, ctx, 0, n, count, err)) ||
        (set->stride && expr_eval_int(set->stride, lookup, ctx, 1, n > 0 ? n : 1, stride, err)))
        return -1;
    if (*count > 0 && *at + (*count - 1) * *stride >= n)
        return md_fail(err, "writes %lld values from index %lld every %lld, past the %lld of %s",
                       *count, *at, *stride, n, dst->name);
    return 0;
}


/* --- generation ---------------------------------------------------------- */

static int apply_modifiers(genctx *c, double *out, long long n, long long rows,
                           long long cols)
{
    const gen_spec *g = c->g;
    double v;
    if (g->p[GP_REPEAT_ROWS]) {
        long long m;
        if (gen_param_int(c, GP_REPEAT_ROWS, 1, 1, &m))
            return -1;
        for (long long i = m; i < rows; i++) {
            memcpy(out + i * cols, out + (i % m) * cols,
                   sizeof(double) * (size_t)cols);
            if (c->dst->labels)
                c->dst->labels[i] = c->dst->labels[i % m];
        }
    }
    if (g->kind != G_LOGISTIC && g->p[GP_SCALE]) {
        if (gen_param_value(c, GP_SCALE, 1, &v))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] *= v;
    }
    if (g->p[GP_SHIFT]) {
        if (gen_param_value(c, GP_SHIFT, 0, &v))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] += v;
    }
    if (g->p[GP_NAN_FRACTION]) {
        if (gen_param_value(c, GP_NAN_FRACTION, 0, &v))
            return -1;
        if (v < 0 || v > 1)
            return md_fail(c->err, "nan_fraction is %g, expected 0 to 1", v);
        for (long long i = 0; i < n; i++)
            if (rng_uniform(c->r) < v)
                out[i] = NAN;
    }
    for (int s = 0; s < g->nsets; s++) {
        long long at, cnt, stride;
        md_err e2;
        if (gen_set_range(g, s, c->dst, c->lookup, c->ctx, &at, &cnt, &stride, &e2) != 0)
            return md_fail(c->err, "set[%d]: %s", s, e2.msg);
        for (long long i = 0; i < cnt; i++)
            out[at + i * stride] = g->sets[s].value;
    }
    return 0;
}

/* Strings, from the kind's string filler. */
static int fill_strings(genctx *c, long long n)
{
    char **s = xcalloc((size_t)n + 1, sizeof(char *));
    c->dst->data = s;
    return gen_kinds[c->g->kind].fill_strings(c, s, n);
}

/* Numbers rounded to ints; -1 when one does not fit. */
static int *to_ints(genctx *c, const double *tmp, long long n)
{
    int *iv = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
    for (long long i = 0; i < n; i++) {
        if (!isfinite(tmp[i]) || fabs(tmp[i]) > 2147483647.0) {
            md_fail(c->err, "%s[%lld] is %g, which is not a valid int", c->dst->name, i,
                    tmp[i]);
            free(iv);
            return NULL;
        }
        iv[i] = (int)lround(tmp[i]);
    }
    return iv;
}

/* The modifiers on the numbers in tmp (taken), then dst's data: tmp
 * itself for doubles, rounded ints otherwise. */
static int finish(genctx *c, double *tmp, long long n, long long rows, long long cols)
{
    if (apply_modifiers(c, tmp, n, rows, cols) != 0) {
        free(tmp);
        return -1;
    }
    if (c->dst->type == VT_DOUBLE) {
        c->dst->data = tmp;
        return 0;
    }
    /* integers: round, and refuse what does not fit */
    int *iv = to_ints(c, tmp, n);
    free(tmp);
    if (!iv)
        return -1;
    c->dst->data = iv;
    return 0;
}

int gen_fill(const gen_spec *g, value *dst, rng *r, expr_lookup lookup,
             gen_find find, void *ctx, md_err *err)
{
    genctx c = {g, dst, r, lookup, find, ctx, err};
    long long n = dst->count, rows = value_rows(dst), cols = value_cols(dst);
    free(dst->data);
    dst->data = NULL;
    if (dst->type == VT_STRING)
        return fill_strings(&c, n);
    double *tmp = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
    if (gen_kinds[g->kind].fill(&c, tmp, n, rows, cols) != 0) {
        free(tmp);
        return -1;
    }
    return finish(&c, tmp, n, rows, cols);
}

int gen_program_args(const gen_spec *g, expr_lookup lookup, void *ctx, double *args,
                     md_err *err)
{
    for (int i = 0; i < g->nargs; i++) {
        md_err e2;
        if (expr_eval(g->args[i], lookup, ctx, &args[i], &e2) != 0)
            return md_fail(err, "%s: %s", arg_name(g, i), e2.msg);
        if (g->arg_int[i] && (args[i] != floor(args[i]) || fabs(args[i]) > 2147483647.0))
            return md_fail(err, "%s is %g, not an int", arg_name(g, i), args[i]);
    }
    return 0;
}

int gen_finish(const gen_spec *g, value *dst, const double *data, rng *r,
               expr_lookup lookup, void *ctx, md_err *err)
{
    genctx c = {g, dst, r, lookup, NULL, ctx, err};
    long long n = dst->count;
    if (dst->type == VT_STRING)
        return md_fail(err, "%s holds strings: a generator program fills numbers", dst->name);
    for (long long i = 0; i < n; i++)
        if (!isfinite(data[i]))
            return md_fail(err, "%s[%lld] is %g: a generator program writes finite numbers "
                                "(NaN and inf go in with \"set\" or \"nan_fraction\"), and "
                                "writes every one",
                           dst->name, i, data[i]);
    double *tmp = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
    memcpy(tmp, data, sizeof(double) * (size_t)n);
    free(dst->data);
    dst->data = NULL;
    return finish(&c, tmp, n, value_rows(dst), value_cols(dst));
}
