/* hot — where the solution's time goes: the program counters its runners
 * sampled (plan.h: plan_prof) mapped to the lines of its source with the
 * DWARF line tables of its build (elfutils' libdw; solutions are built
 * with -g), for the vectorization criterion's "62% of your time:
 * kmeans.c:41  for (...) dist += ...".  Time inside another object
 * (CBLAS, LAPACKE, libm, libc) is counted as such, one entry per object.
 *
 * The samples come from the solution's process: every address, count and
 * name is checked here before use (an address outside every known range
 * counts as "elsewhere"), and a forged profile can only mislead the
 * solution's own report. */
#ifndef MLDRILL_HOT_H
#define MLDRILL_HOT_H

#include "grade/report.h"
#include "run/plan.h"

typedef struct hot hot;

/* Counts for the build so (its DWARF) of the source file source (the
 * learner's file, for the lines' text; may be NULL).  Caller frees with
 * hot_free.  NULL with err when so cannot be read. */
hot *hot_new(const char *so, const char *source, md_err *err);

void hot_free(hot *h);

/* Adds the samples of one profile (one job's processes). */
void hot_add(hot *h, const plan_prof *p);

/* How many samples were added. */
long hot_samples(const hot *h);

/* The max entries with the largest shares, largest first, into *lines;
 * their count.  The caller owns them (a report frees its own). */
int hot_top(const hot *h, int max, rhot **lines);

#endif
