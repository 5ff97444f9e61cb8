/* compare — the named comparators of the spec format: allclose, equal,
 * nearest (cluster labels), permutation, set, at_least, finite and
 * partition (one function per kind, in a table indexed by cmp_kind).  A
 * comparison looks names up in an environment: the values a
 * run produced, falling back to the case's inputs and variables. */
#ifndef MLDRILL_COMPARE_H
#define MLDRILL_COMPARE_H

#include "spec/cases.h"

typedef struct cmp_env {
    const case_inst *ci;     /* inputs and variables */
    const value *vals;       /* outputs and results of one run */
    int nvals;
} cmp_env;

/* A value by name: run values first, then the case's. */
const value *cmp_env_get(const cmp_env *e, const char *name);

/* An expr_lookup over an environment (results included). */
int cmp_env_lookup(void *env, const char *name, double *out);

typedef struct cmp_outcome {
    bool ok;
    bool nonfinite;          /* a NaN or inf where a number was expected */
    long long index;         /* first wrong element, or -1 */
    long long nbad;          /* wrong elements */
    bool counted;            /* partition: index is a class whose count in
                                the other set is off, actual and expected
                                those counts */
    double actual, expected;
    char message[512];       /* the first difference, for a person */
} cmp_outcome;

/* Compares the check's output in got against exp (the reference's run
 * of the same case).  Always fills out; never fails. */
void compare_check(const check *ck, const cmp_env *got, const cmp_env *exp,
                   cmp_outcome *out);

/* Like compare_check, for telling whether a failing solution behaves like
 * a mistake variant: any non-finite value matches any other, and a
 * "finite" check compares the values themselves. */
void compare_like(const check *ck, const cmp_env *got, const cmp_env *other,
                  cmp_outcome *o);

/* The scalar a gradcheck differentiates, read from one run (got->vals):
 * the check's loss (a result, or the first element of an output), or, when
 * the check has weights, sum_i weights[i] * loss[i] over the whole loss
 * array, with weights looked up in the run and then in the case.  False
 * when the loss was not computed, weights are missing or not double, or
 * the two arrays differ in length. */
bool compare_grad_loss(const check *ck, const cmp_env *got, double *out);

/* Whether a run wrote anything into its array v: an output holds an
 * element other than the poison it was filled with (run/plan.h;
 * VALUE_UNWRITTEN_STR for strings), an inout array (initial: the case's value of it) an element
 * other than its initial contents.  Scalars count as written. */
bool cmp_written(const value *v, const value *initial);

/* Whether element i of an output still holds its poison: never written. */
bool cmp_unwritten(const value *v, long long i);

/* Formats a number the way reports show it (NaN, inf, %.6g). */
const char *cmp_num(double v, char *buf, size_t n);

#endif
