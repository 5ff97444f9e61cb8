/* gen — seeded input generators (normal, uniform, ints, labels, blobs,
 * linear and logistic data, rows of another input, constants, ranges,
 * words, literals) and the modifiers every numeric generator accepts
 * (scale, shift, nan_fraction, repeat_rows, set).  gen_parse() validates
 * a generator object from a spec; gen_fill() produces a value's data. */
#ifndef MLDRILL_GEN_H
#define MLDRILL_GEN_H

#include <cjson/cJSON.h>

#include "spec/expr.h"
#include "spec/jsondoc.h"
#include "util/rng.h"
#include "spec/value.h"

typedef enum gen_kind {
    G_LITERAL,
    G_NORMAL,
    G_UNIFORM,
    G_INTS,
    G_LABELS,
    G_BLOBS,
    G_CLUSTER_OF,
    G_LINEAR,
    G_LOGISTIC,
    G_ROWS,
    G_CONST,
    G_RANGE,
    G_WORDS,
    G_KIND_COUNT
} gen_kind;

/* Numeric parameters; which ones a kind accepts is in gen.c's table. */
typedef enum gen_param {
    GP_MEAN, GP_STD, GP_LOW, GP_HIGH, GP_CLASSES, GP_IMBALANCE, GP_CENTERS,
    GP_SPREAD, GP_NOISE, GP_BIAS, GP_WEIGHT_SCALE, GP_VALUE, GP_START,
    GP_STEP, GP_VOCAB, GP_WEIGHTS_SEED,
    /* modifiers */
    GP_SCALE, GP_SHIFT, GP_NAN_FRACTION, GP_REPEAT_ROWS,
    GP_COUNT
} gen_param;

typedef struct gen_set {
    expr *at;         /* first flat index */
    expr *count;      /* how many elements (default 1) */
    expr *stride;     /* distance between them (default 1; "d" sets a column) */
    double value;     /* may be NaN or +-inf */
} gen_set;

struct gen_spec {
    gen_kind kind;
    expr *p[GP_COUNT];     /* NULL when not given */
    char *from;            /* cluster_of, linear, logistic, rows */
    bool random_rows;      /* rows: pick random distinct rows (else first) */
    bool separable;        /* logistic: labels by sign, no noise */
    gen_set *sets;
    int nsets;
    double *lit;           /* literal numbers (NaN/inf allowed) */
    char **lit_str;        /* literal strings */
    long long nlit;
    bool lit_strings;
};

typedef struct gen_spec gen_spec;

/* Parses the generator at path in d (a JSON object).  Returns NULL with
 * err located at the offending key. */
gen_spec *gen_parse(const jdoc *d, const cJSON *j, const char *path,
                    md_err *err);

void gen_free(gen_spec *g);

/* Calls fn for every case variable g's expressions refer to, and for the
 * array it copies from. */
void gen_names(const gen_spec *g, void (*fn)(void *ctx, const char *name),
               void *ctx);

/* Finds another value of the case by name (for "from"). */
typedef value *(*gen_find)(void *ctx, const char *name);

/* Fills dst->data (allocated here; dst's type, ndim, dims and count are
 * already set) from g.  Scalars in expressions are resolved through
 * lookup; arrays through find.  Returns -1 with err on a bad parameter
 * value ("classes is 0"). */
int gen_fill(const gen_spec *g, value *dst, rng *r, expr_lookup lookup,
             gen_find find, void *ctx, md_err *err);

/* The name of a generator kind as written in specs. */
const char *gen_kind_name(gen_kind k);

#endif
