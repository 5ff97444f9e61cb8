/* shrink — a smaller case that fails the same way (issue 13.2), in the
 * manner of QuickCheck and Hypothesis, applied to a challenge's cases.
 *
 * For each hidden correctness or stability case the solution failed, the
 * case is drawn again from the same generators and seed with its size
 * variables reduced, and the smallest one on which the solution still
 * fails the same way is reported next to it (report.h: rcase.shrunk):
 *
 *   which variables  whole-number variables the spec writes as a number
 *                    (not an expression) that size an array of the case,
 *                    directly or through other variables, or count
 *                    something for a generator (classes, centers, vocab);
 *   how              the first round tries every variable at 1 (the
 *                    smallest case there is) and every one halved; then
 *                    each variable alone goes to 1, else is halved while
 *                    the case still fails, then bisected between the last
 *                    value that failed and the last that did not, and
 *                    all their next values are tried at once first, and
 *                    one by one only when that does not fail the same way;
 *                    values that did not are never tried again;
 *   kept             the order of the variables' values (one below another
 *                    in the case never ends above it: k <= n stays so);
 *                    the spec's constraints: the shapes and generators
 *                    must accept the values, a generator's count stays at
 *                    most the rows it fills when it was (classes <= n),
 *                    every requirement and assumption of the calls'
 *                    contracts that held still holds, and the reference
 *                    runs the case cleanly and accepts it as it accepted
 *                    the original (no NULL model, no negative return);
 *   the same way     the same status; for a wrong answer the same first
 *                    failing check (gradient checks, which need extra
 *                    runs, aside); for a fault the same fault on the same
 *                    buffer.  A case that timed out or ran out of memory
 *                    is not shrunk (each try would cost the limit again).
 *
 * Bounds: at most SHRINK_MAX_RUNS smaller cases run, and no new round
 * starts after SHRINK_BUDGET_S seconds, nor one bigger than the time
 * left allows at the pace of the rounds before it; each round runs all
 * its cases' candidates in one exec_run (one runner process for the
 * solution, one for the reference, another only after a fault), each
 * candidate under a wall-clock limit of five times the case's own run
 * (at least 0.1 s, at most the case's limit).
 *
 * The search itself (shrink.c) is pure, so that tests can drive it with
 * an oracle; shrink_run.c is the grading stage that runs it. */
#ifndef MLDRILL_SHRINK_H
#define MLDRILL_SHRINK_H

#include "grade/pipeline.h"

#define SHRINK_MAX_RUNS 60      /* smaller cases run per grading */
#define SHRINK_ROUND_MAX 20     /* of them in one round */
#define SHRINK_BUDGET_S 1.0     /* no new round after this many seconds */

/* --- the search (shrink.c) ------------------------------------------------- */

typedef enum shrink_phase {
    SP_MIN,         /* next: 1 */
    SP_HALVE,       /* next: half the value */
    SP_BISECT,      /* next: halfway down to the last value that passed */
    SP_DONE,
} shrink_phase;

typedef struct shrink_var {
    const char *name;    /* borrowed from the spec */
    long long start;     /* in the case */
    long long value;     /* in the smallest failing case so far */
    long long passed;    /* the largest value below it known not to fail
                            the same way (0: none known) */
    shrink_phase phase;
} shrink_var;

/* How big a case is: the elements of its arrays, then (for variables that
 * size no array, such as a count of classes) the sum of the variables. */
typedef struct shrink_size {
    long long elems, vars;
} shrink_size;

/* Whether a is smaller than b. */
bool shrink_smaller(shrink_size a, shrink_size b);

typedef struct shrink_search {
    shrink_var *vars;    /* owned */
    int nvars;
    shrink_size size;    /* of the smallest failing case so far */
    int rounds;          /* rounds taken */
    bool split;          /* the last round moved all at once, in vain: the
                            next moves them one by one */
    long long *passed;   /* [npassed][nvars]: values tried that did not
                            fail the same way (never tried again) */
    int npassed;
} shrink_search;

/* One smaller case to try: a value for each variable of the search. */
typedef struct shrink_cand {
    long long *values;   /* [nvars], owned */
    int moves;           /* the one variable it changes, or -1 for several */
} shrink_cand;

/* Starts a search at the given values (names borrowed), of size size. */
void shrink_search_init(shrink_search *s, const char *const *names, const long long *values,
                        int n, shrink_size size);
void shrink_search_free(shrink_search *s);

/* The candidates of the next round into *out (caller frees with
 * shrink_cands_free); returns how many, 0 when the search is over.  A
 * variable whose next values are known to pass moves on here. */
int shrink_next(shrink_search *s, shrink_cand **out);
void shrink_cands_free(shrink_cand *c, int n);

/* Takes a round's outcomes: fails[i] says whether candidate i failed the
 * same way (false too when it could not be made or broke a constraint),
 * size[i] its size.  The search moves to the smallest that failed, and
 * each variable moved alone on its own advances its phase.  Returns the
 * index of the candidate taken, or -1. */
int shrink_take(shrink_search *s, const shrink_cand *c, int n, const bool *fails,
                const shrink_size *size);

/* --- the grading stage (shrink_run.c) ------------------------------------- */

/* Shrinks the failed hidden cases of r, graded in x, and sets their
 * rcase.shrunk.  Returns -1 with err only when grading itself failed (a
 * runner could not start, cancelled), not when nothing smaller fails. */
int shrink_failed_cases(pipeline *x, report *r, md_err *err);

/* The variables shrinking moves in case ci (their names borrowed from the
 * spec) into *names; returns how many (caller frees *names). */
int shrink_vars(const challenge *c, const case_inst *ci, const char ***names);

#endif
