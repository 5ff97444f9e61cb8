/* report — a grading's result, as data (filled by grade/rubric), and its
 * two renderings: the JSON object of the contract in DESIGN.md
 * (report_json.c), and the text a person reads (report_text.c).
 * Renderers return malloc'd strings; only main and the REPL print them. */
#ifndef MLDRILL_REPORT_H
#define MLDRILL_REPORT_H

#include "spec/cases.h"
#include "spec/spec.h"
#include "spec/value.h"
#include "grade/timing.h"

typedef enum cstatus {
    CS_PASS,
    CS_FAIL,
    CS_CRASH,
    CS_TIMEOUT,
    CS_MEMORY,
    CS_FORBIDDEN,
    CS_ERROR,
} cstatus;

const char *cstatus_name(cstatus s);

typedef struct rfinding {
    char *where;          /* the case (or "solution"); JSON "case" */
    char *message;        /* one line a learner can act on */
} rfinding;

typedef struct rcriterion {
    bool applies;
    const char *skipped;  /* not graded this time, and why ("--no-timing"):
                             no points, and the total leaves its share out;
                             NULL when graded (static string) */
    double score, max;    /* whole points once totalled (rubric_total) */
    bool passed;
    char *summary;        /* "5 of 6 cases", "1.4x the reference" */
    rfinding *findings;
    int nfindings;
} rcriterion;

/* A smaller case that fails the same way as a failed hidden case
 * (grade/shrink.h), or the word that none was found. */
typedef struct rshrunk {
    bool found;
    int tried;            /* smaller cases run */
    char *sizes;          /* "n = 2, d = 1": the variables shrunk, and */
    char *was;            /* "n = 300, d = 3": their values in the case */
    char *message;        /* how it fails, as a case's message */
    value *vars;          /* every variable of the smaller case (copies) */
    int nvars;
    value *inputs;        /* its inputs in full (copies) */
    int ninputs;
    long long elems, original_elems;    /* elements of their arrays */
} rshrunk;

/* An input of a failed case, as the report shows it: whole when it has
 * at most REPORT_SMALL elements, else its first rows (report_value_text
 * shows no more), and the row of the first difference apart. */
#define REPORT_SMALL 24
#define REPORT_HEAD_ROWS 4    /* the rows report_value_text shows of more */

typedef struct rinput {
    value v;              /* the input: whole, or its first rows only (its
                             count and dims still say its size) */
    long long row;        /* the row of the first difference, shown apart
                             when past the first rows; -1: none */
    value rowv;           /* that row, as a one-row array */
} rinput;

/* The first wrong element of a failed case's first failed check. */
typedef struct rdiff {
    char *output;         /* "P" */
    char *where;          /* "P[3,1]", or the name of a scalar */
    int ndim;             /* index: one number per dimension; 0 for a scalar */
    long long index[VALUE_MAXDIM];
    bool numbers;         /* expected/actual are numbers, else strings */
    double expected, actual;
    char *sexpected, *sactual;
    bool unwritten;       /* the solution never wrote it */
    long long nbad;       /* elements that differ (0: unknown) */
    long long total;      /* elements compared (0: not elements: a class
                             count of a partition) */
} rdiff;

typedef struct rcase {
    char *name;
    criterion crit;
    cstatus status;
    char *message;        /* NULL when it passed */
    char *note;           /* what the case is about (borrowed from spec) */
    bool visible;
    bool timing_input;    /* the timing input graded as a case */
    rshrunk *shrunk;      /* hidden failed cases: shrinking's result, or NULL
                             when not shrunk (owned) */
    rinput *inputs;       /* a failed case's variables and inputs */
    int ninputs;
    rdiff *diff;          /* its first difference, or NULL */
} rcase;

/* A place the solution's time goes (hot.h): a line of a file, or an
 * object (line 0: CBLAS, libm, ...), with its share of the samples. */
typedef struct rhot {
    char *file;
    int line;
    double share;
    char *text;           /* the line's text, or what the object is */
} rhot;

typedef struct rmistake {
    char *id;
    char *message;
} rmistake;

typedef struct report {
    char *challenge;
    char *title;
    bool compile_error;
    bool visible_only;        /* `run`: visible examples only, not scored */
    double score;             /* the points earned */
    double max_score;         /* the points graded: 100, less the share of a
                                 criterion skipped (--no-timing) */
    bool passed;
    const char *verdict;      /* "strong", "pass", "not yet" */
    char *why_not;            /* why it did not pass, one line, or NULL */
    rcriterion crit[CRIT_COUNT];
    rcase *cases;
    int ncases;
    rmistake *mistakes;
    int nmistakes;
    char *compiler_output;
    char *output;             /* what the solution printed (capped) */
    size_t output_total;
    uint64_t seed;            /* the hidden cases' seed */
    char *solution;           /* the file graded, as given: the command that
                                 repeats the grading names it */
    int shrink_runs;          /* smaller cases run by shrinking (0: none) */
    double shrink_seconds;    /* the time shrinking took */
    double seconds;
    /* vectorization details */
    bool timed;
    timing_stats tstats;
    double exponent, ref_exponent, exponent_expected;
    double ref_slowdown;      /* reference time / its best here; 0: unknown */
    rhot *hot;                /* where the time goes, when vectorization lost
                                 points (largest share first) */
    int nhot;
    double scored_ratio;      /* the ratio the points come from: tstats.ratio,
                                 or against the reference's best when the
                                 machine was busy (rubric.h RUBRIC_BUSY) */
    bool retimed;             /* timed a second time (machine busy) */
    /* convergence plot: the solution's and the reference's loss */
    char *loss_case;
    double *loss_user, *loss_ref;
    int nloss_user, nloss_ref;
    /* REPL sessions: the help used (grade/help.h sets these) */
    int hints_used;
    double overtime_s;        /* > 0 when submitted after the time limit */
    bool peeked;              /* the model answer was peeked at before */
    const char *verdict_unaided;    /* the verdict help lowered, or NULL */
} report;

report *report_new(const challenge *c);
void report_free(report *r);

/* Adds a finding to a criterion (printf-style message). */
void report_finding(rcriterion *c, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Names mistake id (once); report_unmistake takes it back. */
void report_mistake(report *r, const char *id, const char *message);
void report_unmistake(report *r, const char *id);

/* Frees a shrunk case and what it owns; NULL is fine. */
void report_shrunk_free(rshrunk *s);

/* Fills rc's inputs from case ci: its variables and its input and inout
 * arrays as they were before the calls; row is the row of the first
 * wrong element (-1: none) in an output of nrows rows, shown apart in
 * every input of as many rows. */
void report_case_inputs(rcase *rc, const case_inst *ci, long long row, long long nrows);

/* Frees what an rcase owns (not rc itself). */
void report_case_clear(rcase *rc);

/* A value of a case as a person reads it (report_values.c): "n = 3", or
 * "X (2x3) = [[1, 2, 3],\n ... [4, 5, 6]]" in full when it has at most
 * full elements (the rows after the first under the first, indent
 * before them), else its first rows (their first 8 columns) and how many
 * values it has.  An array with an empty name is its elements alone, as
 * one row. */
void report_value_text(strbuf *sb, const value *v, long long full, const char *indent);

/* The same as JSON (caller owns the item): a number, a string, nested
 * arrays of its shape when it has at most full elements, else
 * {"shape": [...], "head": [the first rows' values]}; NaN and inf as the
 * strings "NaN", "inf", "-inf". */
struct cJSON *report_value_json(const value *v, long long full);

/* The contract's JSON object (caller frees). */
char *report_json(const report *r);

/* The report for a person; colour only when asked (caller frees). */
char *report_text(const report *r, bool colour);

/* A small Unicode plot of two loss curves on one scale (caller frees). */
char *report_loss_plot(const double *a, int na, const double *b, int nb, int width);

#endif
