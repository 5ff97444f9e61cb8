/* gen — seeded input generators (normal, uniform, ints, labels, blobs,
 * linear and logistic data, rows of another input, constants, ranges,
 * words, permutations, literals) and the modifiers every numeric generator accepts
 * (scale, shift, nan_fraction, repeat_rows, set).  gen_parse() validates
 * a generator object from a spec; gen_fill() produces a value's data. */
#ifndef MLDRILL_GEN_H
#define MLDRILL_GEN_H

#include <cjson/cJSON.h>

#include "spec/gen_kinds.h"
#include "spec/jsondoc.h"
#include "spec/value.h"
#include "util/rng.h"

/* A generator program a spec declares ("generators") as a generator
 * object sees it: its name and its own parameters (the whole signature
 * is the challenge's, model.h).  All borrowed. */
typedef struct gen_program {
    const char *name;
    const char *const *params;    /* its own parameters' names */
    const bool *ints;             /* ... whether each is an int */
    int nparams;
} gen_program;

typedef struct gen_programs {
    const gen_program *p;
    int n;
} gen_programs;

/* Parses the generator at path in d (a JSON object); a "gen" that names
 * none of the built-in kinds may name one of progs (NULL: none).  Returns
 * NULL with err located at the offending key. */
gen_spec *gen_parse(const jdoc *d, const cJSON *j, const char *path,
                    const gen_programs *progs, md_err *err);

/* A literal (an array of numbers or strings, nested arrays flattened, or
 * one number or string) at path, as a literal generator.  NULL with err. */
gen_spec *gen_parse_literal(const jdoc *d, const cJSON *j, const char *path, md_err *err);

/* Expected outputs as a literal, like gen_parse_literal, where a null
 * stands for a NULL string (lit_str[i] == NULL) in a literal of strings:
 * an output such as label_encoder's inverse writes NULL for a code it
 * does not know.  NULL with err. */
gen_spec *gen_parse_expected(const jdoc *d, const cJSON *j, const char *path, md_err *err);

void gen_free(gen_spec *g);

/* Calls fn for every expression of g, with where it is written inside the
 * generator object ("std", "set[1].count"); stops at fn's first nonzero
 * result and returns it (0 when fn accepted them all).  The loader checks
 * the names in each, once a case says which variables there are. */
int gen_each_expr(const gen_spec *g, int (*fn)(void *ctx, const expr *e, const char *sub),
                  void *ctx);

/* Evaluates g's "set" entry s against dst (an array of dst->count
 * elements): its first index, count and stride.  Returns -1 with err (not
 * naming the entry: the caller does) when an expression does not evaluate
 * or the entry would write past the end of dst. */
int gen_set_range(const gen_spec *g, int s, const value *dst, expr_lookup lookup, void *ctx,
                  long long *at, long long *count, long long *stride, md_err *err);

/* Fills dst->data (allocated here; dst's type, ndim, dims and count are
 * already set) from g.  Scalars in expressions are resolved through
 * lookup; arrays through find.  Returns -1 with err on a bad parameter
 * value ("classes is 0"). */
int gen_fill(const gen_spec *g, value *dst, rng *r, expr_lookup lookup,
             gen_find find, void *ctx, md_err *err);

/* A generator program's own parameters (g->nargs of them, G_PROGRAM),
 * evaluated through lookup into args.  -1 with err when one does not
 * evaluate, or an int parameter is not a whole number. */
int gen_program_args(const gen_spec *g, expr_lookup lookup, void *ctx, double *args,
                     md_err *err);

/* What a generator program wrote (data: dst->count numbers, borrowed) into
 * dst: every number must be finite (an unwritten one is NaN), then the
 * modifiers apply with r, as after a built-in kind, and ints are rounded.
 * -1 with err otherwise. */
int gen_finish(const gen_spec *g, value *dst, const double *data, rng *r,
               expr_lookup lookup, void *ctx, md_err *err);

/* The name of a generator kind as written in specs. */
const char *gen_kind_name(gen_kind k);

#endif
