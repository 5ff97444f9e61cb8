/* gen — see gen.h. */

#include "spec/gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[G_KIND_COUNT] = {
    "literal", "normal", "uniform", "ints", "labels", "blobs", "cluster_of",
    "linear", "logistic", "rows", "const", "range", "words",
};

static const char *const param_names[GP_COUNT] = {
    "mean", "std", "low", "high", "classes", "imbalance", "centers",
    "spread", "noise", "bias", "weight_scale", "value", "start", "step",
    "vocab", "weights_seed", "scale", "shift", "nan_fraction", "repeat_rows",
};

#define B(p) (1u << (p))
#define MODIFIERS (B(GP_SCALE) | B(GP_SHIFT) | B(GP_NAN_FRACTION) | B(GP_REPEAT_ROWS))

/* Which numeric parameters each kind accepts, which it requires, and
 * whether it takes "from". */
static const struct {
    unsigned allowed, required;
    bool from;
} kinds[G_KIND_COUNT] = {
    [G_LITERAL] = {MODIFIERS, 0, false},
    [G_NORMAL] = {B(GP_MEAN) | B(GP_STD) | MODIFIERS, 0, false},
    [G_UNIFORM] = {B(GP_LOW) | B(GP_HIGH) | MODIFIERS, 0, false},
    [G_INTS] = {B(GP_LOW) | B(GP_HIGH) | MODIFIERS, B(GP_LOW) | B(GP_HIGH), false},
    [G_LABELS] = {B(GP_CLASSES) | B(GP_IMBALANCE) | B(GP_REPEAT_ROWS), B(GP_CLASSES), false},
    [G_BLOBS] = {B(GP_CENTERS) | B(GP_SPREAD) | B(GP_STD) | MODIFIERS, B(GP_CENTERS), false},
    [G_CLUSTER_OF] = {0, 0, true},
    [G_LINEAR] = {B(GP_NOISE) | B(GP_BIAS) | B(GP_WEIGHT_SCALE) | B(GP_WEIGHTS_SEED) | MODIFIERS,
                  0, true},
    [G_LOGISTIC] = {B(GP_SCALE) | B(GP_BIAS) | B(GP_WEIGHTS_SEED), 0, true},
    [G_ROWS] = {MODIFIERS, 0, true},
    [G_CONST] = {B(GP_VALUE) | B(GP_NAN_FRACTION), B(GP_VALUE), false},
    [G_RANGE] = {B(GP_START) | B(GP_STEP) | MODIFIERS, 0, false},
    [G_WORDS] = {B(GP_VOCAB), B(GP_VOCAB), false},
};

const char *gen_kind_name(gen_kind k)
{
    return k < G_KIND_COUNT ? kind_names[k] : "?";
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

static void count_leaves(const cJSON *j, long long *nums, long long *strs)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (cJSON_IsArray(it))
            count_leaves(it, nums, strs);
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

static int flatten(const jdoc *d, const cJSON *j, const char *path,
                   gen_spec *g, long long *k, md_err *err)
{
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, j)
    {
        char *p = jpath_idx(path, i++);
        int rc = 0;
        if (cJSON_IsArray(it)) {
            rc = flatten(d, it, p, g, k, err);
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

static int parse_literal(const jdoc *d, const cJSON *j, const char *path,
                         gen_spec *g, md_err *err)
{
    if (!cJSON_IsArray(j))
        return jdoc_fail(d, err, path, "expected an array of numbers or "
                                       "strings (nested arrays are flattened)");
    long long nums = 0, strs = 0;
    count_leaves(j, &nums, &strs);
    g->lit_strings = strs > 0;
    g->nlit = nums + strs;
    if (g->lit_strings)
        g->lit_str = xcalloc((size_t)g->nlit + 1, sizeof(char *));
    else
        g->lit = xcalloc((size_t)g->nlit + 1, sizeof(double));
    long long k = 0;
    return flatten(d, j, path, g, &k, err);
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

gen_spec *gen_parse(const jdoc *d, const cJSON *j, const char *path,
                    md_err *err)
{
    if (!cJSON_IsObject(j)) {
        jdoc_fail(d, err, path, "expected a generator object such as "
                                "{\"gen\": \"normal\"} or {\"literal\": [...]}");
        return NULL;
    }
    gen_spec *g = xcalloc(1, sizeof *g);
    const cJSON *lit = cJSON_GetObjectItemCaseSensitive(j, "literal");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(j, "gen");
    if (lit && kind) {
        jdoc_fail(d, err, path, "give either \"gen\" or \"literal\", not both");
        goto fail;
    }
    if (lit) {
        g->kind = G_LITERAL;
    } else if (!kind || !cJSON_IsString(kind)) {
        jdoc_fail(d, err, path, "missing \"gen\" (one of normal, uniform, "
                                "ints, labels, blobs, cluster_of, linear, "
                                "logistic, rows, const, range, words) or "
                                "\"literal\"");
        goto fail;
    } else {
        int k;
        for (k = 1; k < G_KIND_COUNT; k++)
            if (strcmp(kind->valuestring, kind_names[k]) == 0)
                break;
        if (k == G_KIND_COUNT) {
            char *p = jpath_key(path, "gen");
            jdoc_fail(d, err, p, "unknown generator \"%s\" (expected normal, "
                                 "uniform, ints, labels, blobs, cluster_of, "
                                 "linear, logistic, rows, const, range, words)",
                      kind->valuestring);
            free(p);
            goto fail;
        }
        g->kind = (gen_kind)k;
    }

    const cJSON *f;
    cJSON_ArrayForEach(f, j)
    {
        const char *key = f->string;
        char *p = jpath_key(path, key);
        int rc = 0;
        if (strcmp(key, "gen") == 0) {
            /* handled above */
        } else if (strcmp(key, "literal") == 0) {
            rc = parse_literal(d, f, p, g, err);
        } else if (strcmp(key, "from") == 0 && kinds[g->kind].from) {
            if (!cJSON_IsString(f))
                rc = jdoc_fail(d, err, p, "expected the name of an input");
            else
                g->from = xstrdup(f->valuestring);
        } else if (strcmp(key, "pick") == 0 && g->kind == G_ROWS) {
            if (!cJSON_IsString(f) || (strcmp(f->valuestring, "first") != 0 &&
                                       strcmp(f->valuestring, "random") != 0))
                rc = jdoc_fail(d, err, p, "expected \"first\" or \"random\"");
            else
                g->random_rows = strcmp(f->valuestring, "random") == 0;
        } else if (strcmp(key, "separable") == 0 && g->kind == G_LOGISTIC) {
            if (!cJSON_IsBool(f))
                rc = jdoc_fail(d, err, p, "expected true or false");
            else
                g->separable = cJSON_IsTrue(f);
        } else if (strcmp(key, "set") == 0 && g->kind != G_WORDS) {
            rc = parse_sets(d, f, p, g, err);
        } else {
            int k;
            for (k = 0; k < GP_COUNT; k++)
                if (strcmp(key, param_names[k]) == 0)
                    break;
            if (k == GP_COUNT || !(kinds[g->kind].allowed & B(k))) {
                strbuf ok = {0};
                for (int q = 0; q < GP_COUNT; q++)
                    if (kinds[g->kind].allowed & B(q))
                        sb_printf(&ok, "%s%s", ok.len ? ", " : "", param_names[q]);
                if (kinds[g->kind].from)
                    sb_printf(&ok, "%sfrom", ok.len ? ", " : "");
                if (g->kind == G_ROWS)
                    sb_add(&ok, ", pick");
                if (g->kind == G_LOGISTIC)
                    sb_add(&ok, ", separable");
                if (g->kind != G_WORDS)
                    sb_printf(&ok, "%sset", ok.len ? ", " : "");
                rc = jdoc_fail(d, err, p, "unknown key for generator \"%s\" "
                                          "(expected %s)",
                               kind_names[g->kind], sb_str(&ok));
                sb_free(&ok);
            } else {
                g->p[k] = jdoc_expr(d, f, p, err);
                rc = g->p[k] ? 0 : -1;
            }
        }
        free(p);
        if (rc)
            goto fail;
    }
    for (int k = 0; k < GP_COUNT; k++) {
        if ((kinds[g->kind].required & B(k)) && !g->p[k]) {
            jdoc_fail(d, err, path, "generator \"%s\" needs \"%s\"",
                      kind_names[g->kind], param_names[k]);
            goto fail;
        }
    }
    if (kinds[g->kind].from && !g->from) {
        jdoc_fail(d, err, path, "generator \"%s\" needs \"from\" (the input "
                                "it is derived from)", kind_names[g->kind]);
        goto fail;
    }
    return g;
fail:
    gen_free(g);
    return NULL;
}

void gen_names(const gen_spec *g, void (*fn)(void *ctx, const char *name),
               void *ctx)
{
    for (int k = 0; k < GP_COUNT; k++)
        expr_names(g->p[k], fn, ctx);
    for (int i = 0; i < g->nsets; i++) {
        expr_names(g->sets[i].at, fn, ctx);
        expr_names(g->sets[i].count, fn, ctx);
        expr_names(g->sets[i].stride, fn, ctx);
    }
    if (g->from)
        fn(ctx, g->from);
}

/* --- generation ---------------------------------------------------------- */

typedef struct genctx {
    const gen_spec *g;
    value *dst;
    rng *r;
    expr_lookup lookup;
    void *ctx;
    md_err *err;
} genctx;

static int gparam(genctx *c, gen_param k, double def, double *out)
{
    if (!c->g->p[k]) {
        *out = def;
        return 0;
    }
    md_err e2;
    if (expr_eval(c->g->p[k], c->lookup, c->ctx, out, &e2) != 0)
        return md_fail(c->err, "%s: %s", param_names[k], e2.msg);
    return 0;
}

static int int_param(genctx *c, gen_param k, long long def, long long lo,
                     long long *out)
{
    double v;
    if (gparam(c, k, (double)def, &v) != 0)
        return -1;
    if (v != floor(v) || v < (double)lo || v > 1e12)
        return md_fail(c->err, "%s is %g, expected a whole number >= %lld",
                       param_names[k], v, lo);
    *out = (long long)v;
    return 0;
}

static void shuffle_ints(rng *r, int *a, long long n)
{
    for (long long i = n - 1; i > 0; i--) {
        long long j = rng_below(r, i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

static value *source(genctx *c, gen_find find, vtype want, md_err *err)
{
    value *src = find(c->ctx, c->g->from);
    if (!src || !src->array || !src->data) {
        md_fail(err, "\"from\": \"%s\" is not an input generated before this one",
                c->g->from);
        return NULL;
    }
    if (want != VT_VOID && src->type != want) {
        md_fail(err, "\"from\": \"%s\" holds %s values, expected %s",
                c->g->from, vtype_name(src->type), vtype_name(want));
        return NULL;
    }
    return src;
}

/* A pronounceable word for index i ("kamo", "tibeno", ...): distinct for
 * distinct i, so vocab sizes are exact. */
static char *make_word(long long i)
{
    static const char cons[] = "bdfgklmnprstvz";
    static const char vow[] = "aeiou";
    char buf[64];
    int len = 0;
    long long x = i;
    do {
        buf[len++] = cons[x % 14];
        x /= 14;
        buf[len++] = vow[x % 5];
        x /= 5;
    } while (x > 0 && len < 60);
    buf[len] = '\0';
    return xstrdup(buf);
}

static int fill_numbers(genctx *c, gen_find find, double *out, long long n,
                        long long rows, long long cols)
{
    const gen_spec *g = c->g;
    rng *r = c->r;
    md_err *err = c->err;
    double a, b;
    long long k;
    switch (g->kind) {
    case G_LITERAL:
        if (g->lit_strings)
            return md_fail(err, "a literal of strings cannot fill %s values",
                           vtype_name(c->dst->type));
        if (g->nlit != n)
            return md_fail(err, "the literal has %lld values, %s needs %lld",
                           g->nlit, c->dst->name, n);
        memcpy(out, g->lit, sizeof(double) * (size_t)n);
        return 0;
    case G_NORMAL:
        if (gparam(c, GP_MEAN, 0, &a) || gparam(c, GP_STD, 1, &b))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] = a + b * rng_normal(r);
        return 0;
    case G_UNIFORM:
    case G_INTS:
        if (gparam(c, GP_LOW, 0, &a) || gparam(c, GP_HIGH, 1, &b))
            return -1;
        if (b < a)
            return md_fail(err, "high (%g) is below low (%g)", b, a);
        for (long long i = 0; i < n; i++)
            out[i] = g->kind == G_INTS
                         ? floor(a) + (double)rng_below(r, (long long)(floor(b) - floor(a)) + 1)
                         : a + (b - a) * rng_uniform(r);
        return 0;
    case G_CONST:
        if (gparam(c, GP_VALUE, 0, &a))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] = a;
        return 0;
    case G_RANGE:
        if (gparam(c, GP_START, 0, &a) || gparam(c, GP_STEP, 1, &b))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] = a + b * (double)i;
        return 0;
    case G_LABELS: {
        double imb;
        if (int_param(c, GP_CLASSES, 2, 1, &k) || gparam(c, GP_IMBALANCE, -1, &imb))
            return -1;
        if (g->p[GP_IMBALANCE] && (imb < 0 || imb >= 1))
            return md_fail(err, "imbalance is %g, expected the majority "
                                "class's share in [0, 1)", imb);
        int *lab = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
        long long i = 0;
        for (; i < n && i < k; i++)    /* every class present when possible */
            lab[i] = (int)i;
        for (; i < n; i++) {
            if (g->p[GP_IMBALANCE] && k > 1)
                lab[i] = rng_uniform(r) < imb ? 0 : 1 + (int)rng_below(r, k - 1);
            else
                lab[i] = (int)rng_below(r, k);
        }
        shuffle_ints(r, lab, n);
        for (i = 0; i < n; i++)
            out[i] = lab[i];
        free(lab);
        return 0;
    }
    case G_BLOBS: {
        double spread, sd;
        if (int_param(c, GP_CENTERS, 3, 1, &k) || gparam(c, GP_SPREAD, 10, &spread) ||
            gparam(c, GP_STD, 1, &sd))
            return -1;
        double *centers = xmalloc(sizeof(double) * (size_t)(k * cols));
        for (long long i = 0; i < k * cols; i++)
            centers[i] = spread * (2 * rng_uniform(r) - 1);
        free(c->dst->labels);
        c->dst->labels = xmalloc(sizeof(int) * (size_t)(rows ? rows : 1));
        for (long long i = 0; i < rows; i++) {
            long long lab = i < k ? i : rng_below(r, k);
            c->dst->labels[i] = (int)lab;
            for (long long j = 0; j < cols; j++)
                out[i * cols + j] = centers[lab * cols + j] + sd * rng_normal(r);
        }
        free(centers);
        return 0;
    }
    case G_CLUSTER_OF: {
        value *src = source(c, find, VT_VOID, err);
        if (!src)
            return -1;
        if (!src->labels)
            return md_fail(err, "\"from\": \"%s\" was not made by the blobs "
                                "generator, so it has no clusters", g->from);
        if (value_rows(src) != n)
            return md_fail(err, "%s has %lld rows, %s needs %lld labels",
                           g->from, value_rows(src), c->dst->name, n);
        for (long long i = 0; i < n; i++)
            out[i] = src->labels[i];
        return 0;
    }
    case G_LINEAR:
    case G_LOGISTIC: {
        value *src = source(c, find, VT_DOUBLE, err);
        if (!src)
            return -1;
        long long m = value_rows(src), d = value_cols(src);
        if (m != n)
            return md_fail(err, "%s has %lld rows, %s needs %lld values",
                           g->from, m, c->dst->name, n);
        double noise, bias, ws, scale;
        if (gparam(c, GP_NOISE, 0.1, &noise) || gparam(c, GP_BIAS, 0.5, &bias) ||
            gparam(c, GP_WEIGHT_SCALE, 1, &ws) || gparam(c, GP_SCALE, 1, &scale))
            return -1;
        if (g->kind == G_LOGISTIC && !g->p[GP_BIAS])
            bias = 0;
        /* weights_seed: w comes from that fixed seed, so that two targets
         * (training and test labels) follow one model */
        rng wr;
        rng *wsrc = r;
        if (g->p[GP_WEIGHTS_SEED]) {
            double ws_seed;
            if (gparam(c, GP_WEIGHTS_SEED, 0, &ws_seed))
                return -1;
            rng_seed(&wr, (uint64_t)fabs(ws_seed));
            wsrc = &wr;
        }
        double *w = xmalloc(sizeof(double) * (size_t)(d ? d : 1));
        for (long long j = 0; j < d; j++)
            w[j] = ws * rng_normal(wsrc);
        const double *X = src->data;
        for (long long i = 0; i < n; i++) {
            /* a missing (NaN) feature adds nothing, so targets can be drawn
             * from data with missing values (nan_fraction) */
            double z = bias;
            for (long long j = 0; j < d; j++)
                if (!isnan(X[i * d + j]))
                    z += X[i * d + j] * w[j];
            if (g->kind == G_LINEAR) {
                out[i] = z + noise * rng_normal(r);
            } else {
                z *= scale;
                if (g->separable)
                    out[i] = z > 0;
                else
                    out[i] = rng_uniform(r) < 1.0 / (1.0 + exp(-z));
            }
        }
        free(w);
        return 0;
    }
    case G_ROWS: {
        value *src = source(c, find, VT_VOID, err);
        if (!src)
            return -1;
        long long m = value_rows(src);
        if (value_cols(src) != cols)
            return md_fail(err, "%s has %lld columns, %s needs %lld",
                           g->from, value_cols(src), c->dst->name, cols);
        if (rows > m)
            return md_fail(err, "%s has %lld rows, %s needs %lld distinct rows",
                           g->from, m, c->dst->name, rows);
        long long *idx = xmalloc(sizeof(long long) * (size_t)(m ? m : 1));
        for (long long i = 0; i < m; i++)
            idx[i] = i;
        if (g->random_rows)
            for (long long i = 0; i < rows; i++) {    /* partial Fisher-Yates */
                long long j = i + rng_below(r, m - i);
                long long t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        for (long long i = 0; i < rows; i++)
            for (long long j = 0; j < cols; j++)
                out[i * cols + j] = value_get(src, idx[i] * cols + j);
        free(idx);
        return 0;
    }
    case G_WORDS:
        return md_fail(err, "the words generator makes strings, %s holds %s",
                       c->dst->name, vtype_name(c->dst->type));
    default:
        return md_fail(err, "unknown generator");
    }
}

static int apply_modifiers(genctx *c, double *out, long long n, long long rows,
                           long long cols)
{
    const gen_spec *g = c->g;
    double v;
    if (g->p[GP_REPEAT_ROWS]) {
        long long m;
        if (int_param(c, GP_REPEAT_ROWS, 1, 1, &m))
            return -1;
        for (long long i = m; i < rows; i++) {
            memcpy(out + i * cols, out + (i % m) * cols,
                   sizeof(double) * (size_t)cols);
            if (c->dst->labels)
                c->dst->labels[i] = c->dst->labels[i % m];
        }
    }
    if (g->kind != G_LOGISTIC && g->p[GP_SCALE]) {
        if (gparam(c, GP_SCALE, 1, &v))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] *= v;
    }
    if (g->p[GP_SHIFT]) {
        if (gparam(c, GP_SHIFT, 0, &v))
            return -1;
        for (long long i = 0; i < n; i++)
            out[i] += v;
    }
    if (g->p[GP_NAN_FRACTION]) {
        if (gparam(c, GP_NAN_FRACTION, 0, &v))
            return -1;
        if (v < 0 || v > 1)
            return md_fail(c->err, "nan_fraction is %g, expected 0 to 1", v);
        for (long long i = 0; i < n; i++)
            if (rng_uniform(c->r) < v)
                out[i] = NAN;
    }
    for (int s = 0; s < g->nsets; s++) {
        long long at, cnt = 1, stride = 1;
        md_err e2;
        if (expr_eval_int(g->sets[s].at, c->lookup, c->ctx, 0, n - 1, &at, &e2) ||
            (g->sets[s].count &&
             expr_eval_int(g->sets[s].count, c->lookup, c->ctx, 0, n, &cnt, &e2)) ||
            (g->sets[s].stride &&
             expr_eval_int(g->sets[s].stride, c->lookup, c->ctx, 1, n, &stride, &e2)))
            return md_fail(c->err, "set[%d]: %s", s, e2.msg);
        if (cnt > 0 && at + (cnt - 1) * stride >= n)
            return md_fail(c->err, "set[%d] writes %lld values from index %lld every %lld, "
                                   "past the %lld of %s",
                           s, cnt, at, stride, n, c->dst->name);
        for (long long i = 0; i < cnt; i++)
            out[at + i * stride] = g->sets[s].value;
    }
    return 0;
}

int gen_fill(const gen_spec *g, value *dst, rng *r, expr_lookup lookup,
             gen_find find, void *ctx, md_err *err)
{
    genctx c = {g, dst, r, lookup, ctx, err};
    long long n = dst->count, rows = value_rows(dst), cols = value_cols(dst);
    free(dst->data);
    dst->data = NULL;

    if (dst->type == VT_STRING) {
        char **s = xcalloc((size_t)n + 1, sizeof(char *));
        dst->data = s;
        if (g->kind == G_LITERAL && g->lit_strings) {
            if (g->nlit != n)
                return md_fail(err, "the literal has %lld strings, %s needs %lld",
                               g->nlit, dst->name, n);
            for (long long i = 0; i < n; i++)
                s[i] = xstrdup(g->lit_str[i]);
            return 0;
        }
        if (g->kind == G_WORDS) {
            long long vocab;
            if (int_param(&c, GP_VOCAB, 10, 1, &vocab))
                return -1;
            for (long long i = 0; i < n; i++)
                s[i] = make_word(i < vocab ? i : rng_below(r, vocab));
            for (long long i = n - 1; i > 0; i--) {    /* shuffle */
                long long j = rng_below(r, i + 1);
                char *t = s[i];
                s[i] = s[j];
                s[j] = t;
            }
            return 0;
        }
        return md_fail(err, "%s holds strings: use {\"gen\": \"words\"} or a "
                            "literal of strings", dst->name);
    }

    double *tmp = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
    if (fill_numbers(&c, find, tmp, n, rows, cols) != 0 ||
        apply_modifiers(&c, tmp, n, rows, cols) != 0) {
        free(tmp);
        return -1;
    }
    if (dst->type == VT_DOUBLE) {
        dst->data = tmp;
        return 0;
    }
    /* integers: round, and refuse what does not fit */
    int *iv = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
    for (long long i = 0; i < n; i++) {
        if (!isfinite(tmp[i]) || fabs(tmp[i]) > 2147483647.0) {
            md_fail(err, "%s[%lld] is %g, which is not a valid int", dst->name,
                    i, tmp[i]);
            free(tmp);
            free(iv);
            return -1;
        }
        iv[i] = (int)lround(tmp[i]);
    }
    free(tmp);
    dst->data = iv;
    return 0;
}
