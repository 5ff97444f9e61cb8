/* grade — grades one solution file against a challenge, end to end:
 * compile, instantiate the cases, run the solution and the reference in
 * runner processes, time them, look for known mistakes, and score
 * (rubric.h).  Stateless: one submission in, one report out. */
#ifndef MLDRILL_GRADE_H
#define MLDRILL_GRADE_H

#include "grade/grade_opts.h"
#include "grade/report.h"

/* Grades solution.  A compile error is a report (compile_error set).
 * Returns NULL with err when grading itself failed: the reference does
 * not compile or fails its own cases, the runner is missing, the
 * grading was cancelled. */
report *grade_solution(const challenge *c, const char *solution,
                       const grade_opts *o, md_err *err);

/* The wall-clock budget of a grading with options o, in seconds, counted
 * from the start of its cases (after compiling): the load limit, twice
 * the longest case limit and a quarter of all the case limits (the
 * timing input's among them, each stretched under --sanitize), and, when
 * the solution may be timed, the load limit and the timing's limit (a
 * second and three timing budgets).  Past it every runner is killed and
 * whatever did not run is out of time (docs/security.md). */
double grade_budget_s(const challenge *c, const grade_opts *o);

/* The timing stage on its own, for a report graded with no_timing: runs
 * the vectorization timing (when the challenge has it and correctness
 * passed), scores it into r and re-totals r.  `mldrill batch` grades
 * correctness in parallel and calls this one submission at a time so
 * that timings stay fair.  Returns -1 with err when grading itself
 * failed (r is then unchanged). */
int grade_timing(const challenge *c, const char *solution, const grade_opts *o,
                 report *r, md_err *err);

/* Whether every case's inputs can be generated at seed, and the timing
 * input's at each scale, as a grading makes them: 0, or -1 with err
 * naming the case.  A spec that loads can still ask a generator for the
 * impossible (labels of 0 classes, more distinct rows than there are):
 * after a failed grading, this tells the spec's fault (`mldrill grade`
 * exits 2) from mldrill's (3). */
int grade_check_inputs(const challenge *c, uint64_t seed, md_err *err);

/* Compiles and runs the challenge's reference on its own cases and the
 * timing input (for `validate`); err says what is wrong. */
int grade_check_reference(const challenge *c, md_err *err);

#endif
