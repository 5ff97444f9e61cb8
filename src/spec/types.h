/* types — the small enums every stage shares (element types, parameter
 * directions, rubric criteria, comparators, difficulties) and their names
 * as written in specs and reports.  It includes nothing of ours, so any
 * module may use it without depending on the spec model. */
#ifndef MLDRILL_TYPES_H
#define MLDRILL_TYPES_H

/* Element types of parameters and values. */
typedef enum vtype {
    VT_VOID,
    VT_INT,
    VT_DOUBLE,
    VT_STRING,
    VT_HANDLE,
} vtype;

typedef enum pdir {
    DIR_IN,       /* read-only: `const T *` for arrays */
    DIR_OUT,      /* written by the solution, caller-allocated */
    DIR_INOUT,    /* initial contents given, rewritten by the solution */
} pdir;

typedef enum criterion {
    CRIT_CORRECTNESS,
    CRIT_STABILITY,
    CRIT_VECTORIZATION,
    CRIT_CONVERGENCE,
    CRIT_ORGANIZATION,
    CRIT_COUNT
} criterion;

const char *criterion_name(criterion c);
int criterion_from_name(const char *s);        /* -1 when unknown */
const char *vtype_name(vtype t);

typedef enum cmp_kind {
    CMP_ALLCLOSE,     /* |got-exp| <= atol + rtol*|exp| elementwise */
    CMP_EQUAL,        /* exact equality (ints, strings, handles' NULL-ness) */
    CMP_NEAREST,      /* labels: each point's label names a nearest centroid */
    CMP_PERMUTATION,  /* labels equal up to renaming the classes */
    CMP_SET,          /* same elements in any order */
    CMP_AT_LEAST,     /* scalar metric >= expected - atol */
    CMP_GRADCHECK,    /* gradient vs central differences of a scalar */
    CMP_PARTITION,    /* index sets partition 0..n-1 keeping class shares */
    CMP_FINITE,       /* every element finite (no reference value needed) */
    CMP_UNTOUCHED,    /* an output still holds what it held before the calls
                         (a rejected call wrote nothing; no reference needed) */
    CMP_KIND_COUNT
} cmp_kind;

const char *cmp_name(cmp_kind k);

typedef enum difficulty { DIFF_EASY, DIFF_MEDIUM, DIFF_HARD } difficulty;

const char *difficulty_name(difficulty d);

#endif
