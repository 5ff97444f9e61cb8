/* mutate — the mutants of a C file, for `mldrill validate --mutants`.
 *
 * The file is read as tokens (ctok.h: no parser; comments, strings and
 * preprocessor lines are not mutated, nor the code a model answer
 * compiles only for a mistake).  Each mutation operator (a table in
 * mutate.c) then proposes mutants of that code, one change each:
 *
 *   relational   < <= > >= == != : the boundary moved, the test negated
 *   arithmetic   + - * / and += -= *= /= : + and - swapped, * and / swapped
 *   constant     0 -> 1, 1 -> 0, an epsilon (0 < v <= 1e-3) -> 0 and -> 10 v
 *   clamp        fmax(x, c) / fmin(x, c) / fabs(x) -> x; a ternary -> one side
 *   bound        a for loop's bound b -> b + 1 and b - 1
 *   index        A[i * k + j] -> A[j * k + i]; [i][j] -> [j][i]
 *   delete       one expression, return, break or continue statement -> ;
 *
 * A mutant is a replacement of a byte range; mutate_apply makes its text.
 * Everything returned is owned by the caller (free with the functions
 * below). */
#ifndef MLDRILL_MUTATE_H
#define MLDRILL_MUTATE_H

#include <stdbool.h>

typedef enum mut_op {
    MUT_RELATIONAL,
    MUT_ARITHMETIC,
    MUT_CONSTANT,
    MUT_CLAMP,
    MUT_BOUND,
    MUT_INDEX,
    MUT_DELETE,
    MUT_OP_COUNT,
} mut_op;

/* "relational", "arithmetic", ... */
const char *mut_op_name(mut_op op);

typedef struct mutant {
    mut_op op;
    int off, len;        /* the bytes of the text replaced */
    char *repl;          /* what replaces them */
    int line, col;       /* where the replaced bytes start (1-based) */
    char *change;        /* "< -> <=": the replaced code and its replacement,
                            blanks collapsed; what a person reads and what an
                            equivalence declaration names */
} mutant;

typedef struct mutate_opts {
    /* names of types the file uses but does not declare (the challenge's
     * opaque handle types), so that `logreg *m` is a declaration, not a
     * product; may be NULL */
    const char *const *types;
    int ntypes;
} mutate_opts;

/* The mutants of text, in the order of the text.  Returns the count and
 * a malloc'd array in *out (free with mutate_free); o may be NULL. */
int mutate_source(const char *text, const mutate_opts *o, mutant **out);

void mutate_free(mutant *m, int n);

/* The text with mutant m applied (caller frees). */
char *mutate_apply(const char *text, const mutant *m);

/* Line `line` (1-based) of text without its leading and trailing blanks,
 * inner runs of blanks collapsed to one space (caller frees); "" past the
 * end. */
char *mutate_line_text(const char *text, int line);

/* s with every run of blanks (space, tab, newline) collapsed to one space
 * and the ends trimmed (caller frees). */
char *mutate_squeeze(const char *s, int len);

#endif
