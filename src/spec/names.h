/* names — every name of every expression a case evaluates only when it
 * runs, checked when the spec loads.  Generators (their parameters and
 * "set" entries), check counts and the convergence section are evaluated
 * while grading; a misspelt name there would otherwise pass "the spec
 * loads" and fail a grading without a location.  challenge_load resolves
 * each case (cases.h) and hands its values here, so that each expression
 * is evaluated once with them and an error is located where the
 * expression is written. */
#ifndef MLDRILL_NAMES_H
#define MLDRILL_NAMES_H

#include "spec/cases.h"

/* Checks the expressions case cs evaluates when it runs, against ci (its
 * resolved values, case_resolve_values):
 *   - every expression of the generators that fill its inputs names
 *     variables of the case and evaluates, and each "set" entry stays
 *     inside its array;
 *   - the counts of its checks, and of the convergence section for a
 *     correctness case that writes the loss, name variables, results or
 *     one-element outputs; convergence's max_iter and tol name numbers.
 * Returns 0, or -1 with err (the message, without location) and *where
 * (caller frees) the JSON path of the expression at fault, or NULL when
 * only the case's own path can be given. */
int names_check_case(const challenge *c, const case_spec *cs, const case_inst *ci,
                     char **where, md_err *err);

#endif
