/* cases — turns a case of a challenge into concrete values: evaluates
 * its variables, works out every array's shape from the call sequence,
 * and runs the input generators with the case's seed.  Output buffers and
 * call results are created empty, ready for a runner to fill. */
#ifndef MLDRILL_CASES_H
#define MLDRILL_CASES_H

#include "spec/model.h"
#include "spec/value.h"

/* An input a generator program fills (spec "generators"): the program
 * runs in the runner (run/genprog.h), after case_instantiate, which
 * leaves the input zeroed and lists it here; so is an input a built-in
 * generator derives from it ("from"), deferred until the program ran. */
typedef struct case_pending {
    int val;                /* the value it fills (index in vals) */
    const gen_spec *gen;    /* its generator (borrowed from the challenge) */
    int seed;               /* the program's seed argument, 0..2^31-1 */
    uint64_t rng_seed;      /* the random numbers after it (a deferred
                               built-in's: all of them) */
    double *args;           /* the program's own parameters, evaluated */
    int nargs;
    bool deferred;          /* a built-in generator, not a program */
} case_pending;

typedef struct case_inst {
    const challenge *ch;
    const case_spec *spec;
    uint64_t seed;          /* the seed the inputs were generated from */
    value *vals;            /* variables, inputs, outputs, results */
    int nvals;
    const call *calls;      /* the call sequence (borrowed from the spec) */
    int ncalls;
    const check *checks;    /* the checks (borrowed from the spec) */
    int nchecks;
    case_pending *pending;  /* inputs a generator program has yet to fill */
    int npending;
} case_inst;

/* The call sequence and checks that apply to a case: its own, else the
 * challenge's (borrowed). */
const call *case_calls(const challenge *c, const case_spec *cs, int *n);
const check *case_checks(const challenge *c, const case_spec *cs, int *n);

/* Whether a (derived) case sets elements of input name after generating
 * it (model.h, poke). */
bool case_poked(const case_spec *cs, const char *name);

/* Checks that a case resolves: variables evaluate, every parameter binds
 * to something of the right type, shapes are whole numbers, generators
 * refer to known names, and its arrays fit in the challenge's memory
 * limit (with grow scaled by scale, for the timing input).  Used by
 * challenge_load; fills err without location. */
int case_resolve(const challenge *c, const case_spec *cs, const char *grow, double scale,
                 md_err *err);

/* Evaluates e for call call_index of the case's call sequence: a name is
 * first the variable that call binds to the function's scalar parameter
 * of that name, then a case variable (as shapes are evaluated).  Returns
 * -1 with err on an unknown name or a bad variable. */
int case_eval(const challenge *c, const case_spec *cs, int call_index, const expr *e,
              double *out, md_err *err);

/* case_resolve's work, keeping what it found in out: the variables with
 * their numbers, the arrays with their shapes (no data), the results not
 * present.  Free with case_inst_free (done here on an error). */
int case_resolve_values(const challenge *c, const case_spec *cs, const char *grow,
                        double scale, case_inst *out, md_err *err);

/* The seed a case's inputs are drawn from: the case's own "seed", a fixed
 * seed for visible cases, else one derived from grading_seed. */
uint64_t case_seed(const challenge *c, const case_spec *cs,
                   uint64_t grading_seed);

/* Builds the values of a case.  When grow is not NULL, that variable is
 * multiplied by scale first (timing at several sizes).  Returns -1 with
 * err on a generator error.  Free with case_inst_free. */
int case_instantiate(const challenge *c, const case_spec *cs,
                     uint64_t grading_seed, const char *grow, double scale,
                     case_inst *out, md_err *err);

/* A variable given a value for one instantiation, in place of its
 * definition (shrinking tries a failing case at smaller sizes). */
typedef struct case_var {
    const char *name;
    double value;
} case_var;

/* case_instantiate (grow NULL) with the variables of set[nset] taking
 * their given values; variables defined in terms of them follow. */
int case_instantiate_vars(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                          const case_var *set, int nset, case_inst *out, md_err *err);

/* The definition of a case's variable (the case's own, else the
 * challenge's default), or NULL; and the generator of an input (the
 * case's, else the challenge's), or NULL.  Borrowed from the spec. */
const var_def *case_var_def(const challenge *c, const case_spec *cs, const char *name);
const input_def *case_input_def(const challenge *c, const case_spec *cs, const char *name);

void case_inst_free(case_inst *ci);

/* cases_fill.c: the element of v a poke ("set" of a derived case) sets:
 * its index, counted from the end when negative, or -1 (with err) when v
 * has no such element or cannot hold the value. */
long long case_poke_index(const poke *pk, const value *v, md_err *err);

/* Sets the case's pokes of input v, once its data is there.  -1 with err
 * when v cannot hold one. */
int case_apply_pokes(const case_spec *cs, value *v, md_err *err);

/* Pending input p of ci gets what its program wrote (data: the value's
 * count of numbers, borrowed): every number finite, then the generator's
 * modifiers and the case's pokes, as for a built-in generator.  -1 with
 * err otherwise. */
int case_fill_pending(case_inst *ci, int p, const double *data, md_err *err);

/* Once every program's input is filled: the deferred built-in generators
 * run, in the order of the inputs, and the pending list is emptied.  -1
 * with err when one fails. */
int case_finish_pending(case_inst *ci, md_err *err);

/* Empties the pending list (whatever is left of it). */
void case_filled(case_inst *ci);

/* dst's pending inputs copied from src, an instance of the same case
 * whose programs have run (so that probes of a case need not run them
 * again).  -1 with err when src has no such value. */
int case_take_generated(case_inst *dst, const case_inst *src, md_err *err);

/* The value named name, or NULL. */
value *case_value(const case_inst *ci, const char *name);

/* An expr_lookup over a case's scalar variables and present results. */
int case_lookup(void *case_inst_ptr, const char *name, double *out);

/* Total bytes of the case's arrays (for limits and layout). */
size_t case_bytes(const case_inst *ci);

#endif
