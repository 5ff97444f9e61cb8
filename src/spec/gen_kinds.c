/* gen_kinds — see gen_kinds.h.  One fill function per kind, then the
 * table that registers them. */

#include "spec/gen_kinds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const param_names[GP_COUNT] = {
    "mean", "std", "low", "high", "classes", "imbalance", "centers",
    "spread", "noise", "bias", "weight_scale", "value", "start", "step",
    "vocab", "weights_seed", "scale", "shift", "nan_fraction", "repeat_rows",
};

const char *gen_param_name(gen_param k)
{
    return k < GP_COUNT ? param_names[k] : "?";
}

int gen_param_value(genctx *c, gen_param k, double def, double *out)
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

int gen_param_int(genctx *c, gen_param k, long long def, long long lo, long long *out)
{
    double v;
    if (gen_param_value(c, k, (double)def, &v) != 0)
        return -1;
    if (v != floor(v) || v < (double)lo || v > 1e12)
        return md_fail(c->err, "%s is %g, expected a whole number >= %lld",
                       param_names[k], v, lo);
    *out = (long long)v;
    return 0;
}

/* --- helpers ------------------------------------------------------------- */

static void shuffle_ints(rng *r, int *a, long long n)
{
    for (long long i = n - 1; i > 0; i--) {
        long long j = rng_below(r, i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* The value "from" names, generated before this one (of type want unless
 * want is VT_VOID). */
static value *source(genctx *c, vtype want)
{
    value *src = c->find(c->ctx, c->g->from);
    if (!src || !src->array || !src->data) {
        md_fail(c->err, "\"from\": \"%s\" is not an input generated before this one",
                c->g->from);
        return NULL;
    }
    if (want != VT_VOID && src->type != want) {
        md_fail(c->err, "\"from\": \"%s\" holds %s values, expected %s",
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

/* What a value that holds strings says to a generator of numbers. */
static int no_strings(genctx *c, char **out, long long n)
{
    (void)out;
    (void)n;
    return md_fail(c->err, "%s holds strings: use {\"gen\": \"words\"} or a "
                           "literal of strings", c->dst->name);
}

/* --- the kinds ------------------------------------------------------------- */

/* literal: the numbers (or strings) written in the spec, as many as needed. */
static int fill_literal(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    const gen_spec *g = c->g;
    if (g->lit_strings)
        return md_fail(c->err, "a literal of strings cannot fill %s values",
                       vtype_name(c->dst->type));
    if (g->nlit != n)
        return md_fail(c->err, "the literal has %lld values, %s needs %lld", g->nlit,
                       c->dst->name, n);
    memcpy(out, g->lit, sizeof(double) * (size_t)n);
    return 0;
}

static int literal_strings(genctx *c, char **out, long long n)
{
    const gen_spec *g = c->g;
    if (!g->lit_strings)
        return no_strings(c, out, n);
    if (g->nlit != n)
        return md_fail(c->err, "the literal has %lld strings, %s needs %lld", g->nlit,
                       c->dst->name, n);
    for (long long i = 0; i < n; i++)
        out[i] = xstrdup(g->lit_str[i]);
    return 0;
}

static int fill_normal(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double a, b;
    if (gen_param_value(c, GP_MEAN, 0, &a) || gen_param_value(c, GP_STD, 1, &b))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = a + b * rng_normal(c->r);
    return 0;
}

/* low and high of uniform and ints, in order. */
static int low_high(genctx *c, double *a, double *b)
{
    if (gen_param_value(c, GP_LOW, 0, a) || gen_param_value(c, GP_HIGH, 1, b))
        return -1;
    if (*b < *a)
        return md_fail(c->err, "high (%g) is below low (%g)", *b, *a);
    return 0;
}

static int fill_uniform(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double a, b;
    if (low_high(c, &a, &b))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = a + (b - a) * rng_uniform(c->r);
    return 0;
}

static int fill_ints(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double a, b;
    if (low_high(c, &a, &b))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = floor(a) + (double)rng_below(c->r, (long long)(floor(b) - floor(a)) + 1);
    return 0;
}

static int fill_const(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double a;
    if (gen_param_value(c, GP_VALUE, 0, &a))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = a;
    return 0;
}

static int fill_range(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double a, b;
    if (gen_param_value(c, GP_START, 0, &a) || gen_param_value(c, GP_STEP, 1, &b))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = a + b * (double)i;
    return 0;
}

/* labels: every class present when possible, shuffled; imbalance is the
 * majority class's share. */
static int fill_labels(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    const gen_spec *g = c->g;
    long long k;
    double imb;
    if (gen_param_int(c, GP_CLASSES, 2, 1, &k) || gen_param_value(c, GP_IMBALANCE, -1, &imb))
        return -1;
    if (g->p[GP_IMBALANCE] && (imb < 0 || imb >= 1))
        return md_fail(c->err, "imbalance is %g, expected the majority class's share "
                               "in [0, 1)", imb);
    int *lab = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
    long long i = 0;
    for (; i < n && i < k; i++)
        lab[i] = (int)i;
    for (; i < n; i++) {
        if (g->p[GP_IMBALANCE] && k > 1)
            lab[i] = rng_uniform(c->r) < imb ? 0 : 1 + (int)rng_below(c->r, k - 1);
        else
            lab[i] = (int)rng_below(c->r, k);
    }
    shuffle_ints(c->r, lab, n);
    for (i = 0; i < n; i++)
        out[i] = lab[i];
    free(lab);
    return 0;
}

/* blobs: rows around random centers; the value remembers each row's
 * center (cluster_of reads it). */
static int fill_blobs(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)n;
    long long k;
    double spread, sd;
    if (gen_param_int(c, GP_CENTERS, 3, 1, &k) || gen_param_value(c, GP_SPREAD, 10, &spread) ||
        gen_param_value(c, GP_STD, 1, &sd))
        return -1;
    double *centers = xmalloc(sizeof(double) * (size_t)(k * cols));
    for (long long i = 0; i < k * cols; i++)
        centers[i] = spread * (2 * rng_uniform(c->r) - 1);
    free(c->dst->labels);
    c->dst->labels = xmalloc(sizeof(int) * (size_t)(rows ? rows : 1));
    for (long long i = 0; i < rows; i++) {
        long long lab = i < k ? i : rng_below(c->r, k);
        c->dst->labels[i] = (int)lab;
        for (long long j = 0; j < cols; j++)
            out[i * cols + j] = centers[lab * cols + j] + sd * rng_normal(c->r);
    }
    free(centers);
    return 0;
}

/* cluster_of: the center of each row of a blobs input. */
static int fill_cluster_of(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    value *src = source(c, VT_VOID);
    if (!src)
        return -1;
    if (!src->labels)
        return md_fail(c->err, "\"from\": \"%s\" was not made by the blobs generator, "
                               "so it has no clusters", c->g->from);
    if (value_rows(src) != n)
        return md_fail(c->err, "%s has %lld rows, %s needs %lld labels", c->g->from,
                       value_rows(src), c->dst->name, n);
    for (long long i = 0; i < n; i++)
        out[i] = src->labels[i];
    return 0;
}

/* linear and logistic: out[i] = bias + X[i] . w for the rows of "from",
 * w drawn with weight_scale (from weights_seed when given, so that two
 * targets follow one model); *scale is the logistic scale. */
static int linear_scores(genctx *c, double *out, long long n, double *noise, double *scale)
{
    const gen_spec *g = c->g;
    value *src = source(c, VT_DOUBLE);
    if (!src)
        return -1;
    long long m = value_rows(src), d = value_cols(src);
    if (m != n)
        return md_fail(c->err, "%s has %lld rows, %s needs %lld values", g->from, m,
                       c->dst->name, n);
    double bias, ws;
    if (gen_param_value(c, GP_NOISE, 0.1, noise) || gen_param_value(c, GP_BIAS, 0.5, &bias) ||
        gen_param_value(c, GP_WEIGHT_SCALE, 1, &ws) || gen_param_value(c, GP_SCALE, 1, scale))
        return -1;
    if (g->kind == G_LOGISTIC && !g->p[GP_BIAS])
        bias = 0;
    rng wr, *wsrc = c->r;
    if (g->p[GP_WEIGHTS_SEED]) {
        double ws_seed;
        if (gen_param_value(c, GP_WEIGHTS_SEED, 0, &ws_seed))
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
        out[i] = bias;
        for (long long j = 0; j < d; j++)
            if (!isnan(X[i * d + j]))
                out[i] += X[i * d + j] * w[j];
    }
    free(w);
    return 0;
}

static int fill_linear(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double noise, scale;
    if (linear_scores(c, out, n, &noise, &scale))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] += noise * rng_normal(c->r);
    return 0;
}

static int fill_logistic(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)rows;
    (void)cols;
    double noise, scale;
    if (linear_scores(c, out, n, &noise, &scale))
        return -1;
    for (long long i = 0; i < n; i++) {
        double z = out[i] * scale;
        out[i] = c->g->separable ? z > 0 : rng_uniform(c->r) < 1.0 / (1.0 + exp(-z));
    }
    return 0;
}

/* rows: the first (or random distinct) rows of "from". */
static int fill_rows(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)n;
    const gen_spec *g = c->g;
    value *src = source(c, VT_VOID);
    if (!src)
        return -1;
    long long m = value_rows(src);
    if (value_cols(src) != cols)
        return md_fail(c->err, "%s has %lld columns, %s needs %lld", g->from,
                       value_cols(src), c->dst->name, cols);
    if (rows > m)
        return md_fail(c->err, "%s has %lld rows, %s needs %lld distinct rows", g->from,
                       m, c->dst->name, rows);
    long long *idx = xmalloc(sizeof(long long) * (size_t)(m ? m : 1));
    for (long long i = 0; i < m; i++)
        idx[i] = i;
    if (g->random_rows)
        for (long long i = 0; i < rows; i++) {    /* partial Fisher-Yates */
            long long j = i + rng_below(c->r, m - i);
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

/* rows' "pick": "first" or "random". */
static int parse_pick(const jdoc *d, const cJSON *f, const char *path, gen_spec *g,
                      md_err *err)
{
    if (!cJSON_IsString(f) ||
        (strcmp(f->valuestring, "first") != 0 && strcmp(f->valuestring, "random") != 0))
        return jdoc_fail(d, err, path, "expected \"first\" or \"random\"");
    g->random_rows = strcmp(f->valuestring, "random") == 0;
    return 0;
}

/* logistic's "separable": labels by sign, no noise. */
static int parse_separable(const jdoc *d, const cJSON *f, const char *path, gen_spec *g,
                           md_err *err)
{
    if (!cJSON_IsBool(f))
        return jdoc_fail(d, err, path, "expected true or false");
    g->separable = cJSON_IsTrue(f);
    return 0;
}

/* words: pronounceable words from a vocabulary of vocab, shuffled. */
static int fill_words(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)out;
    (void)n;
    (void)rows;
    (void)cols;
    return md_fail(c->err, "the words generator makes strings, %s holds %s", c->dst->name,
                   vtype_name(c->dst->type));
}

static int words_strings(genctx *c, char **out, long long n)
{
    long long vocab;
    if (gen_param_int(c, GP_VOCAB, 10, 1, &vocab))
        return -1;
    for (long long i = 0; i < n; i++)
        out[i] = make_word(i < vocab ? i : rng_below(c->r, vocab));
    for (long long i = n - 1; i > 0; i--) {    /* shuffle */
        long long j = rng_below(c->r, i + 1);
        char *t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    return 0;
}

/* permutation: each row a permutation of 0..cols-1, drawn afresh (one
 * per epoch of a training loop); a 1-D array is one permutation. */
static int fill_permutation(genctx *c, double *out, long long n, long long rows,
                            long long cols)
{
    (void)n;
    if (cols > 2147483647LL)
        return md_fail(c->err, "a permutation of %lld does not fit an int", cols);
    int *p = xmalloc(sizeof(int) * (size_t)(cols ? cols : 1));
    for (long long i = 0; i < rows; i++) {
        for (long long j = 0; j < cols; j++)
            p[j] = (int)j;
        shuffle_ints(c->r, p, cols);
        for (long long j = 0; j < cols; j++)
            out[i * cols + j] = p[j];
    }
    free(p);
    return 0;
}

/* A generator program fills its input in the runner (run/genprog.h):
 * case_instantiate leaves it pending and never calls this. */
static int fill_program(genctx *c, double *out, long long n, long long rows, long long cols)
{
    (void)out;
    (void)n;
    (void)rows;
    (void)cols;
    return md_fail(c->err, "%s is filled by a generator program, which runs in the runner",
                   c->dst->name);
}

/* --- the table --------------------------------------------------------------- */

#define B(p) (1u << (p))
#define MODIFIERS (B(GP_SCALE) | B(GP_SHIFT) | B(GP_NAN_FRACTION) | B(GP_REPEAT_ROWS))

const gen_kind_def gen_kinds[G_KIND_COUNT] = {
    [G_LITERAL] = {"literal", MODIFIERS, 0, false, true, NULL, NULL, fill_literal,
                   literal_strings},
    [G_NORMAL] = {"normal", B(GP_MEAN) | B(GP_STD) | MODIFIERS, 0, false, true, NULL, NULL,
                  fill_normal, no_strings},
    [G_UNIFORM] = {"uniform", B(GP_LOW) | B(GP_HIGH) | MODIFIERS, 0, false, true, NULL, NULL,
                   fill_uniform, no_strings},
    [G_INTS] = {"ints", B(GP_LOW) | B(GP_HIGH) | MODIFIERS, B(GP_LOW) | B(GP_HIGH), false,
                true, NULL, NULL, fill_ints, no_strings},
    [G_LABELS] = {"labels", B(GP_CLASSES) | B(GP_IMBALANCE) | B(GP_REPEAT_ROWS),
                  B(GP_CLASSES), false, true, NULL, NULL, fill_labels, no_strings},
    [G_BLOBS] = {"blobs", B(GP_CENTERS) | B(GP_SPREAD) | B(GP_STD) | MODIFIERS,
                 B(GP_CENTERS), false, true, NULL, NULL, fill_blobs, no_strings},
    [G_CLUSTER_OF] = {"cluster_of", 0, 0, true, true, NULL, NULL, fill_cluster_of,
                      no_strings},
    [G_LINEAR] = {"linear",
                  B(GP_NOISE) | B(GP_BIAS) | B(GP_WEIGHT_SCALE) | B(GP_WEIGHTS_SEED) | MODIFIERS,
                  0, true, true, NULL, NULL, fill_linear, no_strings},
    [G_LOGISTIC] = {"logistic", B(GP_SCALE) | B(GP_BIAS) | B(GP_WEIGHTS_SEED), 0, true, true,
                    "separable", parse_separable, fill_logistic, no_strings},
    [G_ROWS] = {"rows", MODIFIERS, 0, true, true, "pick", parse_pick, fill_rows, no_strings},
    [G_CONST] = {"const", B(GP_VALUE) | B(GP_NAN_FRACTION), B(GP_VALUE), false, true, NULL,
                 NULL, fill_const, no_strings},
    [G_RANGE] = {"range", B(GP_START) | B(GP_STEP) | MODIFIERS, 0, false, true, NULL, NULL,
                 fill_range, no_strings},
    [G_WORDS] = {"words", B(GP_VOCAB), B(GP_VOCAB), false, false, NULL, NULL, fill_words,
                 words_strings},
    [G_PERMUTATION] = {"permutation", 0, 0, false, false, NULL, NULL, fill_permutation,
                       no_strings},
    [G_PROGRAM] = {"program", MODIFIERS, 0, false, true, NULL, NULL, fill_program,
                   no_strings},
};
