/* value — one named value of a case: a scalar variable, an input array,
 * an output buffer or a call's result.  Arrays are row-major; strings are
 * arrays of NUL-terminated char*.  A value owns its data. */
#ifndef MLDRILL_VALUE_H
#define MLDRILL_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/types.h"

#define VALUE_MAXDIM 6

typedef enum vrole {
    ROLE_VAR,       /* scalar from "vars" */
    ROLE_INPUT,     /* generated, read-only to the solution */
    ROLE_OUTPUT,    /* written by the solution */
    ROLE_INOUT,     /* generated, then rewritten by the solution */
    ROLE_RESULT,    /* a call's return value */
} vrole;

typedef struct value {
    char *name;
    vtype type;
    bool array;
    vrole role;
    int ndim;
    long long dims[VALUE_MAXDIM];
    long long count;     /* number of elements (product of dims) */
    double num;          /* scalars and results (handles: 1 = non-NULL) */
    void *data;          /* arrays: double *, int * or char ** */
    int *labels;         /* rows' cluster ids from a blobs generator */
    bool present;        /* results/outputs: the call ran and set it */
} value;

/* Element size in bytes (strings: sizeof(char *)). */
size_t vtype_size(vtype t);

/* Rows and columns of an array: first dimension, product of the rest. */
long long value_rows(const value *v);
long long value_cols(const value *v);

/* Element i as a double (ints converted; strings and handles: NaN). */
double value_get(const value *v, long long i);

/* "P[3,1]" style index text for element i, into buf. */
const char *value_index_text(const value *v, long long i, char *buf,
                             size_t n);

/* The element of a string output the solution never wrote (the runner's
 * poison, decoded by run/layout): a pointer of its own, told by
 * value_unwritten_str, never freed, copied as itself.  Its text says what
 * it is, for code that shows it as a string. */
extern const char value_unwritten_text[];
#define VALUE_UNWRITTEN_STR ((char *)value_unwritten_text)

/* Whether s is VALUE_UNWRITTEN_STR. */
bool value_unwritten_str(const char *s);

/* A deep copy (data, labels, strings). */
void value_copy(value *dst, const value *src);

/* Frees what v owns (not v itself). */
void value_clear(value *v);

#endif
