/* validate — see validate.h.  The steps run in the order data flows:
 * spec -> reference build -> generated cases -> reference and mistake
 * variants on those cases -> the model answer against the reference and
 * graded -> the reference graded as a solution ->
 * example solutions (through batch) -> the vectorization separation.
 * A step that finds the challenge broken where the later ones need it
 * (no reference, no cases) ends the validation. */
#include "instructor/validate.h"

#include <stdlib.h>
#include <string.h>

#include "instructor/validate_step.h"
#include "spec/challenge.h"
#include "util/rng.h"

/* The steps, in order (validate_step.h says how to add one). */
static const struct {
    const char *name;        /* what it checks, for a reader of this table */
    vstep_fn run;
} steps[] = {
    {"the spec", vstep_spec},
    {"the statement's prototypes", vstep_statement},
    {"the contracts and the statement's invalid arguments", vstep_contract},
    {"the reference compiles", vstep_build},
    {"the generated inputs", vstep_inputs},
    {"the reference and the mistake variants run", vstep_runs},
    {"the model answer: plain C, agrees with the reference, passes", vstep_model},
    {"outputs worked out independently", vstep_expected},
    {"the reference graded as a solution", vstep_graded},
    {"the example solutions", vstep_examples},
    {"the vectorization separation", vstep_separation},
};

/* Frees what the steps left in x. */
static void vctx_clear(vctx *x)
{
    for (int i = 0; x->cases && i < x->c->ncases; i++)
        if (x->cases[i]) {
            case_inst_free(x->cases[i]);
            free(x->cases[i]);
        }
    free(x->cases);
    compile_result_clear(&x->ref);
    vexamples_free(x->examples);
}

/* Runs the steps in order; 0 once they ran or one stopped the validation,
 * -1 with x->err when one could not run or the caller cancelled. */
static int run_steps(vctx *x)
{
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (i > 0 && vstep_cancelled(x))
            return md_fail(x->err, "cancelled");
        vstep_rc rc = steps[i].run(x);
        if (rc == VSTEP_ERROR)
            return -1;
        if (rc == VSTEP_STOP)
            return 0;
    }
    return 0;
}

int validate_spec(const char *path, const validate_opts *o, validation *v, md_err *err)
{
    double t0 = now_seconds();
    memset(v, 0, sizeof *v);
    v->target = xstrdup(path);
    md_err e;
    challenge *c = challenge_load(path, &e);
    vctx x = {.c = c, .o = o, .v = v, .err = err};
    if (!c) {
        vstep_add(&x, V_FAIL, NULL, "the spec does not load: %s", e.msg);
        v->seconds = now_seconds() - t0;
        return 0;
    }
    v->id = xstrdup(c->id);
    v->seed = o->have_seed ? o->seed : rng_os_seed();
    int rc = run_steps(&x);
    vctx_clear(&x);
    spec_free(c);
    v->seconds = now_seconds() - t0;
    return rc;
}
