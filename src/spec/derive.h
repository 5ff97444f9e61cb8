/* derive — the cases a challenge's contracts and the ABI give
 * (docs/spec-format.md, "Contracts"), made when the spec loads so that every
 * later stage sees ordinary cases:
 *
 *   "invalid: n = 0"          one per minimal violation of each "requires"
 *                             (and again with each fast path): the call must
 *                             return what "rejects" says and, unless it says
 *                             "any", leave its outputs untouched;
 *   "boundary: l2 = 0"        one per edge of each scalar requirement or
 *                             assumption, compared with the reference;
 *   "flag: training = 2"      2 and -1 for each flag, compared with the
 *                             reference;
 *   "release: x_free(NULL)"   for every release function (model.h), with or
 *                             without a contract: the call alone, with
 *                             NULL, must return (the ABI's x_free(T *)).
 *
 * A derived case starts from a base case (the function's "derive_from",
 * else the first hidden correctness case that calls it) and sets the
 * variables the function's first call there binds.  Other requirements a
 * change breaks are brought back to their nearest valid value (n = 0 takes
 * n_test down to 0 for n_test <= n), so an invalid case breaks exactly one
 * requirement and a boundary case none; a case where that cannot be done
 * is left out, with a note (c->derive_notes). */
#ifndef MLDRILL_DERIVE_H
#define MLDRILL_DERIVE_H

#include "spec/jsondoc.h"
#include "spec/model.h"

/* Appends the derived cases of every function's contract, and the
 * release cases, to c->cases.
 * Returns -1 with err located in d (the contract's JSON path) when a
 * contract cannot be applied: no case calls the function, a bound names
 * an unknown variable, a fast path breaks a requirement, a derived name
 * is taken. */
int derive_cases(const jdoc *d, challenge *c, md_err *err);

#endif
