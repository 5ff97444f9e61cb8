/* gen_kinds — the generator kinds, one row each in gen_kinds[]: the name
 * a spec writes, the numeric parameters the kind accepts and requires,
 * whether it takes "from" and "set", its own option key, and the
 * functions that fill a value with numbers or strings.  gen.h parses and
 * runs generators through this table, so adding a kind is one gen_kind
 * value and one row (with its fill function) in gen_kinds.c. */
#ifndef MLDRILL_GEN_KINDS_H
#define MLDRILL_GEN_KINDS_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "spec/expr.h"
#include "spec/jsondoc.h"
#include "spec/value.h"
#include "util/rng.h"

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
    G_PERMUTATION,
    G_PROGRAM,         /* one of the challenge's generator programs (spec
                          "generators"): never named as a kind, it runs in
                          the runner (run/genprog.h), not here */
    G_KIND_COUNT
} gen_kind;

/* Numeric parameters; which ones a kind accepts is in its table row. */
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
    int prog;              /* G_PROGRAM: the challenge's generator (index) */
    char *prog_name;       /* ... its name */
    char **arg_names;      /* ... its own parameters, in order */
    bool *arg_int;         /* ... whether each is an int */
    expr **args;           /* ... and their values */
    int nargs;
};

typedef struct gen_spec gen_spec;

/* Finds another value of the case by name (for "from"). */
typedef value *(*gen_find)(void *ctx, const char *name);

/* What a fill function works with (all borrowed). */
typedef struct genctx {
    const gen_spec *g;
    value *dst;            /* the value filled: type, shape and count set */
    rng *r;
    expr_lookup lookup;    /* the case's scalar variables */
    gen_find find;         /* the case's other values */
    void *ctx;             /* for lookup and find */
    md_err *err;
} genctx;

typedef struct gen_kind_def {
    const char *name;      /* as written in specs */
    unsigned allowed;      /* bit (1u << gen_param) per parameter accepted */
    unsigned required;     /* ... and per parameter required */
    bool from;             /* takes (and needs) "from" */
    bool sets;             /* accepts "set" */
    const char *option;    /* a key of its own ("pick"), or NULL */
    /* reads that key's value j into g */
    int (*parse_option)(const jdoc *d, const cJSON *j, const char *path, gen_spec *g,
                        md_err *err);
    /* fills out (n numbers, rows x cols) before the modifiers */
    int (*fill)(genctx *c, double *out, long long n, long long rows, long long cols);
    /* fills out with n strings (malloc'd; out is n+1 NULLs on entry) */
    int (*fill_strings)(genctx *c, char **out, long long n);
} gen_kind_def;

extern const gen_kind_def gen_kinds[G_KIND_COUNT];

/* A generator program's C signature (docs/spec-format.md, "Generator
 * programs"):  void NAME(int seed, int rows, int cols, <its own
 * parameters>, double *out).  Its own parameters sit between these. */
#define GEN_PROG_FIXED 3    /* seed, rows, cols */

/* The name of a numeric parameter as written in specs. */
const char *gen_param_name(gen_param k);

/* The value of parameter k (def when not given): errors name k. */
int gen_param_value(genctx *c, gen_param k, double def, double *out);

/* ... as a whole number from lo to 1e12. */
int gen_param_int(genctx *c, gen_param k, long long def, long long lo, long long *out);

#endif
