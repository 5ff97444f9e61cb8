/* batch — grades many submissions to one challenge, for `mldrill batch`
 * and the example solutions of `mldrill validate`.  Correctness runs in
 * parallel, in up to `jobs` worker processes; the vectorization timing
 * then runs one submission at a time while nothing else grades, so every
 * submission is timed on an equally quiet machine.  Every submission gets
 * a row whatever happens to it: a compile error, a crashing or looping
 * solution, even the grader itself failing on it (the worker process is
 * then lost, not the batch).  Rows are read back from the grade report's
 * JSON (the contract in DESIGN.md).  batch.c runs a batch and collects
 * the submissions; batch_rows.c holds what is done with the rows
 * (reading a report, clearing, CSV, JSON), batch_summary.c the class
 * summary. */
#ifndef MLDRILL_BATCH_H
#define MLDRILL_BATCH_H

#include <signal.h>

#include "grade/grade.h"

typedef enum batch_status {
    BATCH_GRADED,          /* a report was made */
    BATCH_COMPILE_ERROR,   /* a report was made: the file does not compile */
    BATCH_ERROR,           /* no report: the grading itself failed */
} batch_status;

const char *batch_status_name(batch_status s);

/* A cell with nothing in it: a criterion not reached or not applying. */
#define BATCH_EMPTY (-1)

/* A row's whole points, as the CSV and JSON give them: the report's
 * (rubric_total rounds them, rubric_round), which add up, the criteria's
 * points to the score and their maxima to max. */
typedef struct batch_points {
    int score, max;              /* max: 100, less a criterion not graded */
    int crit[CRIT_COUNT];        /* BATCH_EMPTY when not reached (a compile
                                    error, not graded this time, n/a) */
    int crit_max[CRIT_COUNT];    /* BATCH_EMPTY when it does not count */
} batch_points;

typedef struct batch_row {
    char *file;              /* as given (owned) */
    char *student;           /* whose it is: batch_opts.students, else the
                                file's stem (owned) */
    batch_status status;
    /* why it did not pass, or what went wrong first: compile_error,
     * crash, timeout, memory, forbidden, wrong, error (a case the grader
     * could not run, or the grading itself), or the criterion that failed
     * when every case passed (static string); NULL when nothing did */
    const char *reason_kind;
    char *reason;            /* the first message of that kind, or NULL */
    double score;            /* as the report has it */
    bool passed;
    double points[CRIT_COUNT];   /* per criterion; NAN when it does not apply */
    double max[CRIT_COUNT];
    batch_points whole;      /* the points as whole numbers that add up */
    char **mistakes;         /* ids of the named mistakes */
    int nmistakes;
    double ratio;            /* vectorization time ratio; NAN when not timed */
    uint64_t seed;           /* the hidden cases' seed of its grading */
    double seconds;          /* time spent grading it (the report's; errors: wall time) */
    char *error;             /* BATCH_ERROR: what went wrong */
    char *report_json;       /* the grade report, compact JSON; NULL on error */
    char *report_text;       /* the report as the learner reads it (no
                                colour); NULL on error */
    char *note;              /* what batch_opts.inspect returned, or NULL */
} batch_row;

typedef struct batch_opts {
    int jobs;                /* gradings at once (default 2) */
    grade_opts grade;        /* seed, budget, sanitize, no_timing, ... */
    bool seed_per_file;      /* seed each file by its base name (plus the
                                grade seed when given): validate's choice */
    double timeout_s;        /* per submission and stage (default 600) */
    int max_waiting;         /* submissions held for timing before the
                                timing stage starts (default 16) */
    char *const *students;   /* per file, whose it is (borrowed), or NULL
                                for the files' stems */
    bool text;               /* keep each report's text (row->report_text) */
    /* Runs in the worker once a report is final; its malloc'd text (or
     * NULL) becomes row->note.  How validate checks a declared outcome. */
    char *(*inspect)(void *ctx, const char *file, const report *r);
    void *inspect_ctx;
    /* Runs in the calling process each time a row is complete. */
    void (*done)(void *ctx, const batch_row *row, int ndone, int total);
    void *done_ctx;
    volatile sig_atomic_t *cancel;   /* when set, stop all workers */
} batch_opts;

/* Grades files[0..n) into rows[0..n) (caller-allocated, zeroed; clear
 * each with batch_row_clear).  Returns 0 when every row was filled (rows
 * may be BATCH_ERROR), -1 with err when the batch could not run at all
 * (the reference does not compile, fork failed, cancelled). */
int batch_run(const challenge *c, char *const *files, int n, const batch_opts *o,
              batch_row *rows, md_err *err);

void batch_row_clear(batch_row *row);

/* For batch.c (batch_rows.c): fills row from a grade report's JSON (the
 * contract in DESIGN.md): status, score, criteria, the reason, the whole
 * points; or marks it BATCH_ERROR with what went wrong. */
struct cJSON;
void batch_row_read(batch_row *row, const struct cJSON *rep);
void batch_row_failed(batch_row *row, const char *error);

/* The submissions named by paths: files as given, directories searched
 * recursively for *.c (sorted).  Returns the count and a malloc'd array
 * of malloc'd paths in *files, or -1 with err for a missing path. */
int batch_collect(char *const *paths, int npaths, char ***files, md_err *err);

/* Whose submission file is, given the paths it was collected from: the
 * folder below the directory that holds it, for one folder per student
 * (paths "subs", file "subs/ana/kmeans.c": "ana"), else the file's stem
 * ("subs/ben.c": "ben").  Caller frees. */
char *batch_student(char *const *paths, int npaths, const char *file);


/* The rows as CSV (a header line, then one line per row) and as a JSON
 * object {"challenge", "rows": [...]}, each row with its full grade
 * report under "report".  Caller frees. */
char *batch_csv(const batch_row *rows, int n);
char *batch_json(const challenge *c, const batch_row *rows, int n);

/* batch_summary.c: what the rows say together — the pass rate, the
 * histogram of scores, each criterion's mean, each named mistake and
 * each case with how many students it caught — as a Markdown page
 * (--summary) or as a few lines for the terminal.  Caller frees. */
char *batch_summary_md(const challenge *c, const batch_row *rows, int n);
char *batch_summary_text(const challenge *c, const batch_row *rows, int n);

#endif
