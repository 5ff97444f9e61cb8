/* validate_step — the steps of a validation (validate.h) and what they
 * share: the context a step works in and how it records an item.  Private
 * to validate: validate.c runs the steps from one table, in order, and
 * each step reads what the steps before it left in the context (the built
 * reference, the instantiated cases, the graded examples).
 *
 * Adding a step: write `vstep_rc vstep_NAME(vctx *x)` in the file of its
 * kind (or a new validate_NAME.c), declare it below with that file's, and
 * register it in steps[] of validate.c at its place in the flow.  What it
 * leaves for later steps goes into vctx, freed by validate.c. */
#ifndef MLDRILL_VALIDATE_STEP_H
#define MLDRILL_VALIDATE_STEP_H

#include "instructor/validation.h"
#include "run/compile.h"
#include "spec/cases.h"
#include "spec/spec.h"

/* What a step returns. */
typedef enum vstep_rc {
    VSTEP_ERROR = -1,    /* the validation cannot go on: x->err says why */
    VSTEP_NEXT = 0,      /* go on with the next step */
    VSTEP_STOP = 1,      /* the challenge is broken where the later steps
                            need it: they are skipped, the validation ends */
} vstep_rc;

/* The example solutions as graded (validate_examples.c). */
typedef struct vexamples vexamples;

/* The context of one validation.  validate.c owns it and frees what the
 * steps leave in it. */
typedef struct vctx {
    const challenge *c;
    const validate_opts *o;
    validation *v;          /* where items go; v->seed seeds the reference checks */
    md_err *err;            /* filled by a step that returns VSTEP_ERROR */
    compile_result ref;     /* the reference, built by vstep_build */
    case_inst **cases;      /* c->ncases cases, by vstep_inputs (NULL where one
                               failed to instantiate) */
    vexamples *examples;    /* by vstep_examples; NULL when none were graded */
} vctx;

typedef vstep_rc (*vstep_fn)(vctx *x);

/* Records an item (detail is taken over, may be NULL or empty) and hands
 * it to validate_opts.item. */
void vstep_add(vctx *x, vverdict k, char *detail, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Whether the caller asked to stop (validate_opts.cancel). */
bool vstep_cancelled(const vctx *x);


/* Whether a "mistake" key may name id: a declared mistake or mutates_input. */
bool vstep_mistake_declared(const challenge *c, const char *id);

/* validate_inputs.c: the spec itself and the generated inputs */
vstep_rc vstep_spec(vctx *x);      /* what it declares; every mistake can be named */
vstep_rc vstep_inputs(vctx *x);    /* fills x->cases; shapes, ranges, finiteness */

/* validate_statement.c: the statement spells out no prototype of its own
 * (it shows the block generated from "functions") */
vstep_rc vstep_statement(vctx *x);

/* validate_contract.c: the derived cases, and the statement's hand-written
 * invalid-argument sentences */
vstep_rc vstep_contract(vctx *x);

/* validate_runs.c: the reference and the mistake variants */
vstep_rc vstep_build(vctx *x);     /* fills x->ref; stops when it does not compile */
vstep_rc vstep_runs(vctx *x);      /* the reference and every variant on x->cases */
vstep_rc vstep_graded(vctx *x);    /* the reference graded as a solution */

/* validate_model.c: the model answer is plain C, agrees with the
 * reference on every case, and graded as a solution gets full
 * correctness and stability (a warning when there is none) */
vstep_rc vstep_model(vctx *x);

/* validate_expected.c: the reference and the model answer against the
 * outputs cases give as worked out independently ("expected") */
vstep_rc vstep_expected(vctx *x);

/* validate_examples.c: the example solutions */
vstep_rc vstep_examples(vctx *x);      /* each gets its declared outcome; fills x->examples */
vstep_rc vstep_separation(vctx *x);    /* the timing curve tells slow from accepted */
void vexamples_free(vexamples *e);     /* accepts NULL */

#endif
