/* mutation — mutation testing of a challenge's cases, for `mldrill
 * validate --mutants`: do the cases catch a wrong solution that is one
 * small change away from a right one?
 *
 * The challenge's model answer (its reference when it has none) is
 * mutated (mutate.h), one change per mutant.  Every mutant is compiled
 * like the reference and graded on every case at a fixed seed
 * (grade/fixture.h): it is killed when a case does not pass, or when a
 * criterion the model answer passes (convergence, organization) fails.
 * Each case's time limit is derived from the model answer's own run time
 * (with a floor), and a mutant's runs stop at its first fault, so a
 * mutant that loops costs a fraction of a second.  Mutants are graded in
 * `jobs` worker processes.
 *
 * A spec declares the mutants it cannot kill ("mutants": {"equivalent":
 * [...]}, docs/spec-format.md) by the text of the line and the change, so
 * a declaration survives edits elsewhere in the file.  A declaration that
 * matches no mutant is stale; one whose mutant is killed is wrong.
 * Results are data; only the CLI prints (mutation_text). */
#ifndef MLDRILL_MUTATION_H
#define MLDRILL_MUTATION_H

#include <signal.h>

#include "instructor/mutate.h"
#include "spec/spec.h"

typedef enum mstatus {
    MS_KILLED,
    MS_SURVIVED,
    MS_EQUIVALENT,       /* survived, and the spec declares it equivalent */
    MS_NOT_COMPILED,
    MS_ERROR,            /* grading itself failed on it (counted nowhere) */
} mstatus;

const char *mstatus_name(mstatus s);

typedef struct mresult {
    mutant m;            /* where and what (owned) */
    mstatus status;
    char *why;           /* killed: what caught it ("case \"ties\": ..."); not
                            compiled: the compiler's first error; error: the
                            message; else NULL */
    int declared;        /* index of the matching equivalence declaration,
                            or -1 (a killed mutant may match: then the
                            declaration is wrong) */
} mresult;

typedef struct mutation {
    char *id;            /* the challenge */
    char *file;          /* the file mutated, as a person would type it */
    bool model;          /* it is the model answer (else the reference) */
    uint64_t seed;       /* the hidden cases' seed */
    double floor_s;      /* the least per-case time limit used */
    mresult *r;
    int n;
    int count[MS_ERROR + 1];    /* per status */
    int *stale;          /* declarations that match no mutant */
    int nstale;
    double seconds;
} mutation;

typedef struct mutation_opts {
    int jobs;                      /* worker processes (default 2) */
    bool have_seed;
    uint64_t seed;                 /* default 1: the same cases every run */
    volatile sig_atomic_t *cancel;
    /* called in the calling process as mutants are graded */
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
} mutation_opts;

/* Mutation-tests challenge c into mu (zero it first; free with
 * mutation_clear).  Returns 0 when every mutant was graded, -1 with err
 * when the run could not happen (the model answer fails a case, the
 * runner is missing, fork failed, cancelled). */
int mutation_run(const challenge *c, const mutation_opts *o, mutation *mu, md_err *err);

void mutation_clear(mutation *mu);

/* K/(K+S) as a percentage; NAN when no mutant was killed or survived. */
double mutation_score(const mutation *mu);

/* Checks, without running anything, that every equivalence declaration
 * of c matches a mutant of text (its model answer): writes a line per
 * stale one into why and returns how many.  An edit of the model answer
 * that leaves a declaration behind fails `mldrill validate`, not only
 * `validate --mutants`. */
int mutation_stale(const challenge *c, const char *text, strbuf *why);

/* The quality bar (DESIGN.md): a challenge's cases kill this percentage
 * of the mutants that are not declared equivalent. */
#define MUTATION_BAR 95.0

/* Whether mu meets the bar with nothing to fix: the score, no stale or
 * wrong equivalence declaration, no mutant that could not be graded. */
bool mutation_meets_bar(const mutation *mu);

/* The closing line for counts per status (caller frees): "mutants: K
 * killed, S survived, E equivalent, C not compiled — score K/(K+S) (P%)",
 * with a newline. */
char *mutation_summary(const int count[MS_ERROR + 1]);

/* The report for a person (caller frees): every survivor as
 * "file:line:col: change" with its line, killed mutants matching an
 * equivalence declaration, stale declarations, with verbose every mutant;
 * then, last, mutation_summary's line. */
char *mutation_text(const challenge *c, const mutation *mu, bool verbose);

#endif
