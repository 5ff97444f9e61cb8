/* report — a grading's result, as data (filled by grade/rubric), and its
 * two renderings: the JSON object of the contract in DESIGN.md
 * (report_json.c), and the text a person reads (report_text.c).
 * Renderers return malloc'd strings; only main and the REPL print them. */
#ifndef MLDRILL_REPORT_H
#define MLDRILL_REPORT_H

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
    double score, max;
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
    double score;
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

void report_mistake(report *r, const char *id, const char *message);

/* Frees a shrunk case and what it owns; NULL is fine. */
void report_shrunk_free(rshrunk *s);

/* A value of a case as a person reads it (report_values.c): "n = 3", or
 * "X (2x3) = [[1, 2, 3],\n ... [4, 5, 6]]" in full when it has at most
 * full elements (the rows after the first under the first, indent
 * before them), else its first rows and how many values it has. */
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
