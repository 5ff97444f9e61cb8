/* spec_parse — private to the spec loader (spec.h): the state its files
 * share and the readers each provides.  Every reader takes the JSON value
 * j found at path, fills its part of the challenge, and returns 0 or -1
 * with the error set (located by path).  On an error the parts already
 * read stay in the challenge, counted, so spec_free releases them. */
#ifndef MLDRILL_SPEC_PARSE_H
#define MLDRILL_SPEC_PARSE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "spec/gen.h"
#include "spec/jsonread.h"
#include "spec/model.h"

/* The loader's state: the document and error (r, first so that &L->r is
 * what the jr_ getters take) and the challenge being filled. */
typedef struct ld {
    jreader r;
    challenge *c;
    gen_programs progs;      /* the generator programs as inputs name them
                                (sp_generators; freed by spec_parse) */
} ld;

#define FAIL(L, path, ...) JR_FAIL(&(L)->r, (path), __VA_ARGS__)

/* Reads item i of items (an array of elem-sized items) from it, at path. */
typedef int (*item_parser)(ld *L, const cJSON *it, const char *path, void *items, int i);

/* spec.c: an array of objects (non-empty when asked; "expected a[ non-empty]
 * array of what") into a fresh array of elem-sized items, one parse each.
 * *n counts the items parsed, a failed one included, so that the
 * challenge's free sees it. */
int sp_array(ld *L, const cJSON *j, const char *path, bool non_empty, const char *what,
             size_t elem, item_parser parse, void **out, int *n);

/* An object {"name": value, ...} into a fresh array of elem-sized items
 * whose first member is the name (char *, a C identifier), parse reading
 * each value; expected says what j should have been. */
int sp_named(ld *L, const cJSON *j, const char *path, const char *expected, size_t elem,
             item_parser parse, void **out, int *n);

/* Item i of items, named by its first member (char *), has a name no
 * earlier item has; else "a second <what> "name"" at path. */
int sp_unique(ld *L, const char *path, const void *items, size_t elem, int i,
              const char *what);

/* spec_sig.c: "functions", call sequences and checks.  sp_calls needs
 * the functions read first (a call names one). */
int sp_functions(ld *L, const cJSON *j, const char *path);
int sp_calls(ld *L, const cJSON *j, const char *path, call **out, int *n);
int sp_checks(ld *L, const cJSON *j, const char *path, check **out, int *n);

/* spec_genprog.c: "generators", the challenge's generator programs;
 * read before any input (a generator object may name one). */
int sp_generators(ld *L, const cJSON *j, const char *path);
void sp_generators_done(ld *L);    /* frees L->progs */

/* spec_contract.c: a function's contract keys (fj is the function's
 * object, path its JSON path); needs the parameters read first. */
int sp_contract(ld *L, const cJSON *fj, const char *path, function *f);

/* spec_case.c: variables, inputs, cases and the sections. */
int sp_vars(ld *L, const cJSON *j, const char *path, var_def **out, int *n);
int sp_inputs(ld *L, const cJSON *j, const char *path, input_def **out, int *n);
int sp_cases(ld *L, const cJSON *j, const char *path);
int sp_convergence(ld *L, const cJSON *j, const char *path);
int sp_timing(ld *L, const cJSON *j, const char *path);
int sp_mistakes(ld *L, const cJSON *j, const char *path);
int sp_mutants(ld *L, const cJSON *j, const char *path);
int sp_limits(ld *L, const cJSON *j, const char *path);
int sp_pass(ld *L, const cJSON *j, const char *path);

/* spec_whole.c: once everything else is read, the checks that need the
 * whole challenge, and the weights and pass rules that follow from it. */
int sp_whole(ld *L, const cJSON *root);

#endif
