/* validate — checks a challenge the way Kattis' verifyproblem checks a
 * problem package, for `mldrill validate`:
 *   - the spec loads (every error with file:line:col and its JSON path);
 *   - the reference compiles, and the generators give every case and the
 *     timing input the declared shapes, finite unless asked otherwise;
 *   - the reference runs every case, its outputs are finite on the
 *     stability cases, and graded as a solution it passes every criterion
 *     (so it is deterministic, agrees with its own checks, and times at
 *     about 1x against itself);
 *   - every mistake variant compiles and differs from the reference;
 *   - the model answer is plain C (no intrinsics, attributes or private
 *     headers), agrees with the reference on every case and, graded as a
 *     learner's file, gets full correctness and stability;
 *   - every example solution gets the outcome its first line declares;
 *   - the vectorization curve separates the declared slow example from
 *     the accepted ones.
 * Each check is a step (validate_step.h), run in order from one table in
 * validate.c.  Results are data (a list of items, validation.h); only the
 * CLI prints them. */
#ifndef MLDRILL_VALIDATE_H
#define MLDRILL_VALIDATE_H

#include "instructor/validation.h"

/* Validates the spec at path into v (zero it first; free with
 * validation_clear).  Returns 0 when validation ran to the end (the
 * verdict is v->failures), -1 with err when it could not (the runner is
 * missing, cancelled). */
int validate_spec(const char *path, const validate_opts *o, validation *v, md_err *err);

#endif
