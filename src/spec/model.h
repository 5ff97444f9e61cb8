/* model — a challenge as its JSON spec describes it (docs/spec-format.md):
 * the functions a solution must define, the call sequence, the cases with
 * their sizes and input generators, the output checks, and the rubric
 * settings.  spec.h builds one (spec_parse) and challenge.h loads a whole
 * challenge; this header holds the types every stage reads, spec_free and
 * the lookups.
 *
 * A challenge owns everything it points to (strings, arrays, expressions,
 * generators); spec_free releases it all.  Nothing outside the loader
 * modifies a challenge once loaded. */
#ifndef MLDRILL_MODEL_H
#define MLDRILL_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "spec/expr.h"
#include "spec/types.h"
#include "util/util.h"

typedef struct gen_spec gen_spec;    /* gen.h */

typedef struct var_def {
    char *name;
    expr *value;
} var_def;

typedef struct param {
    char *name;
    vtype type;
    bool array;
    pdir dir;
    expr **shape;        /* arrays: dimensions; ndim 0 means one element */
    int ndim;
    char *handle;        /* VT_HANDLE: the opaque type's name */
} param;

/* An argument requirement (docs/spec-format.md, "Contracts"): the
 * parameter `subject` lies in an interval, lo (<= or <) subject (<= or <)
 * hi, either side optional, or equals lo (eq).  An array subject is
 * constrained element by element.  Bounds are expressions over the
 * function's scalar parameters and the case's variables. */
typedef struct requirement {
    char *text;          /* as written: "0 <= y < k" */
    char *subject;       /* the parameter constrained */
    bool elementwise;    /* the subject is an array: every element */
    bool integer;        /* the subject is an int (or int[]) */
    expr *lo, *hi;       /* NULL when that side is open */
    bool lo_strict, hi_strict;
    bool eq;             /* subject == lo (hi is NULL) */
    char *path;          /* JSON path, for messages */
} requirement;

/* A code path a solution may take before it checks its arguments (k >= c
 * in top-k accuracy: every sample is a hit): each violation is also tried
 * with these parameters set. */
typedef struct fast_path {
    char *name;          /* "k >= c" */
    var_def *vars;       /* parameter name = expression over parameters */
    int nvars;
} fast_path;

/* What a function promises about its arguments, and what the cases
 * derived from it (derive.h) test. */
typedef struct contract {
    requirement *requires;   /* checked by the function: a violation is rejected */
    int nrequires;
    requirement *assumes;    /* guaranteed by the caller: only boundaries tested */
    int nassumes;
    bool rejects;            /* "rejects" given (required with "requires") */
    bool reject_null;        /* a rejection returns NULL (a handle) */
    bool reject_value_set;   /* ... or this number */
    double reject_value;
    bool untouched;          /* a rejection leaves the outputs untouched */
    fast_path *fast;
    int nfast;
    char **flags;            /* int parameters where any non-zero value is true */
    int nflags;
    char *derive_from;       /* the case derived cases start from, or NULL */
    char *path;              /* the function's JSON path */
} contract;

typedef struct function {
    char *name;
    vtype ret;           /* VT_VOID, VT_INT, VT_DOUBLE or VT_HANDLE */
    char *ret_handle;    /* VT_HANDLE: the opaque type's name */
    char *ret_name;      /* default result variable, or NULL */
    param *params;
    int nparams;
    char *doc;           /* one-line description for the prototype header */
    contract contract;   /* argument requirements (all empty when none) */
} function;

typedef struct binding {
    char *param;
    char *var;
} binding;

/* One step of a call sequence: call functions[fn] with each parameter
 * bound to the case variable of the same name unless bind says otherwise;
 * store the return value in `result` (may be NULL). */
typedef struct call {
    int fn;
    binding *bind;
    int nbind;
    char *result;
} call;


typedef struct check {
    char *output;        /* the variable compared */
    cmp_kind kind;
    double rtol, atol;
    expr *count;         /* compare only the first count elements; may use
                            result variables (e.g. "iters") */
    char *points;        /* CMP_NEAREST: the data; CMP_GRADCHECK: input */
    char *centroids;     /* CMP_NEAREST: the centroids (solution's own) */
    char *loss;          /* CMP_GRADCHECK: the scalar output differentiated */
    char *weights;       /* CMP_GRADCHECK: with an array loss, the array it is
                            weighted by: the scalar is sum(weights .* loss) */
    char *labels;        /* CMP_PARTITION: class of each index */
    char *other;         /* CMP_PARTITION: the complementary index set */
    double step;         /* CMP_GRADCHECK: finite-difference step */
    int samples;         /* CMP_GRADCHECK: entries checked */
    char *mistake;       /* a failure of this check names this mistake id */
    bool has_value;      /* compare with value instead of the reference */
    double value;        /* (a handle: 0 is NULL) */
    char *path;          /* JSON path, for messages */
} check;

typedef struct input_def {
    char *name;
    gen_spec *gen;
} input_def;

/* Where a case comes from: written in the spec, or derived from a
 * function's contract (derive.h). */
typedef enum case_origin {
    CASE_WRITTEN,
    CASE_INVALID,        /* violates one requirement: must be rejected */
    CASE_BOUNDARY,       /* a requirement's edge: compared with the reference */
    CASE_FLAG,           /* a flag set to a value other than 0 and 1 */
    CASE_RELEASE,        /* a release function called with NULL */
    CASE_TIMING,         /* the timing input at its largest scale, graded as
                            a correctness case (grade/pipeline.h) */
} case_origin;

/* One element of a generated input set after generating it (a derived
 * case's out-of-range label): index at (negative: from the end). */
typedef struct poke {
    char *input;
    long long at;
    double value;
} poke;

typedef struct case_spec {
    char *name;
    criterion crit;      /* correctness, stability or organization */
    bool visible;        /* shown by `run`, fixed seed */
    bool has_seed;
    uint64_t seed;       /* fixed seed (visible cases default to one) */
    char *note;          /* what the case is about, shown on failure */
    var_def *vars;       /* merged over the challenge's defaults */
    int nvars;
    input_def *inputs;   /* merged over the challenge's inputs */
    int ninputs;
    call *calls;         /* NULL: the challenge's call sequence */
    int ncalls;
    input_def *expected; /* outputs worked out independently of the
                            reference (literal generators), or NULL;
                            validate holds the reference and the model
                            answer to them */
    int nexpected;
    char *expected_how;  /* how they were worked out (by hand, NumPy...) */
    check *checks;       /* NULL: the challenge's checks */
    int nchecks;
    double wall_s;       /* wall-clock limit for the case */
    char **provokes;     /* the mistakes whose variants must fail this case
                            (declared ids; `validate` checks it) */
    int nprovokes;
    char *path;          /* JSON path ("cases[3]") */
    case_origin origin;
    const struct case_spec *base;  /* a derived case's: the case whose vars,
                            inputs, calls and checks it starts from
                            (borrowed, a case of the same challenge) */
    poke *pokes;         /* elements set after generating */
    int npokes;
} case_spec;

/* Convergence: the loss history a training function writes. */
typedef struct conv_spec {
    bool enabled;
    char *loss;          /* output array with the history */
    expr *count;         /* how many entries were written ("iters") */
    char *max_iter;      /* variable bounding count */
    char *tol;           /* variable with the stopping tolerance, or NULL */
    bool monotone;       /* a descent method: non-increasing */
    char *method;        /* the algorithm, as the report names it ("coordinate
                            descent"), or NULL */
    double slack;        /* allowed relative increase per step */
    double final_rtol;   /* final loss vs the reference's */
} conv_spec;

/* Vectorization: timing against the reference on large inputs. */
typedef struct timing_spec {
    bool enabled;
    case_spec base;      /* vars and inputs of the timed call sequence */
    char *grow;          /* the size variable scaled for the growth fit */
    double *scales;      /* multipliers of that variable, ascending */
    int nscales;
    double full_ratio;   /* full points at or below this time ratio */
    double zero_ratio;   /* no points at or above this ratio */
    double exponent;     /* expected growth exponent of the reference */
    double exponent_slack;
    double budget_s;     /* time spent timing */
    char *advice;        /* what a too-slow solution should change, or NULL
                            for the default (matrix operations) */
} timing_spec;

/* A classic mistake.  Its variant (the code that makes it) is either a
 * whole file (source), or a marked site in the model answer: the model
 * compiled with `#if MISTAKE(id)` true (site).  A mistake with neither is
 * named only by a check's "mistake" key or a built-in detector. */
typedef struct mistake_spec {
    char *id;
    char *source;        /* absolute path of the variant's .c, or NULL */
    bool site;           /* the model answer marks it with MISTAKE(id) */
    char *message;
} mistake_spec;


/* A mutant of the model answer (`mldrill validate --mutants`) that no
 * case can kill because it behaves like the model answer.  It is named by
 * the text of its line and its change, not by a line number, so the
 * declaration survives edits elsewhere in the file. */
typedef struct equivalent_spec {
    char *line;          /* text the mutated line contains */
    char *change;        /* the change as validate lists it: "< -> <=" */
    char *reason;        /* why it behaves the same */
    char *path;          /* JSON path, for messages */
} equivalent_spec;

typedef struct challenge {
    char *id;
    char *title;
    difficulty diff;
    int minutes;
    char **tags;
    int ntags;
    char *statement;     /* as shown: {{contract}} replaced (contract.h) */
    char *statement_src; /* as written in the spec */
    char **hints;
    int nhints;
    char **followups;
    int nfollowups;

    char *spec_path;     /* absolute path of the spec file */
    char *reference;     /* absolute path of the reference .c: the fast
                            implementation expected outputs and timings
                            come from; never shown to a learner */
    char *model;         /* absolute path of the model answer .c (what a
                            strong candidate writes; `solution` shows it,
                            mistake sites removed), or NULL */
    char *examples;      /* directory of example solutions, or NULL */

    function *functions;
    int nfunctions;
    /* generator programs ("generators"): C functions of the challenge's
     * own that fill an input, compiled like the reference and run in the
     * runner (run/genprog.h); each signature is
     *   void NAME(int seed, int rows, int cols, <its parameters>, double *out) */
    char *gen_source;    /* absolute path of their .c, or NULL */
    function *generators;
    int ngenerators;
    call *calls;         /* default call sequence */
    int ncalls;
    var_def *defaults;
    int ndefaults;
    input_def *inputs;   /* default input generators */
    int ninputs;
    check *checks;       /* default checks */
    int nchecks;
    case_spec *cases;    /* the spec's cases, then the derived ones */
    int ncases;
    char **derive_notes; /* derived cases left out, and why (for validate) */
    int nderive_notes;

    conv_spec conv;
    timing_spec timing;
    double weights[CRIT_COUNT];    /* 0 for criteria that do not apply */
    mistake_spec *mistakes;
    int nmistakes;

    equivalent_spec *equivalents;  /* "mutants": {"equivalent": [...]} */
    int nequivalents;

    double wall_s;       /* default per-case wall-clock limit */
    int memory_mb;       /* address-space limit of the runner */

    double pass_score;   /* total needed to pass (default 70) */
    unsigned pass_require;   /* bit per criterion that must pass */
} challenge;

/* Frees a challenge and everything it owns; NULL is fine. */
void spec_free(challenge *c);

/* Frees what a case owns (not the case itself). */
void spec_case_free(case_spec *cs);

/* A deep copy of check from into to (its strings and count expression
 * its own, freed with the case or challenge that holds it). */
void check_copy(check *to, const check *from);

/* Looks up a function by name; -1 when absent. */
int spec_function(const challenge *c, const char *name);

/* The variable a call binds to a parameter. */
const char *call_binding(const call *cl, const param *p);

/* Whether f releases a model (the ABI's void x_free(T *)): it has
 * parameters and every one is an inout handle.  A release must accept
 * NULL, so its calls are made even when the model was never made. */
bool function_releases(const function *f);

/* The variable a derived "release" case binds a release function's
 * handle to: no call returns it, so the call gets NULL (a name no spec
 * can write). */
#define CALL_NULL_HANDLE "NULL (no model)"

#endif
