/* expr — the size and value expressions used in challenge specs:
 * "n", "n*d", "(H + 2*pad - KH)/stride + 1", "max(1, n/10)".
 * Numbers, names, + - * / % ('/' divides as in C when both sides are
 * integers: a literal without '.' or exponent, or a variable holding a
 * whole number; "2.0/d" and "lr/2" are real divisions),
 * unary minus, parentheses, and the functions min, max, floor, ceil, sqrt.
 * Names are looked up at evaluation time through a callback. */
#ifndef MLDRILL_EXPR_H
#define MLDRILL_EXPR_H

#include "util/util.h"

typedef struct expr expr;

/* Looks a name up; returns 0 and sets *out, or -1 when it is unknown. */
typedef int (*expr_lookup)(void *ctx, const char *name, double *out);

/* Parses s.  Returns NULL and fills err ("at column 4: expected ')'").
 * Free with expr_free (accepts NULL). */
expr *expr_parse(const char *s, md_err *err);

/* A constant expression (for plain JSON numbers). */
expr *expr_const(double v);

void expr_free(expr *e);

/* Evaluates e.  Returns 0, or -1 with err naming an unknown variable or a
 * division by zero. */
int expr_eval(const expr *e, expr_lookup lookup, void *ctx, double *out,
              md_err *err);

/* Evaluates e and requires a whole number in [lo, hi]. */
int expr_eval_int(const expr *e, expr_lookup lookup, void *ctx,
                  long long lo, long long hi, long long *out, md_err *err);

/* Calls fn for every variable name e refers to (for validation). */
void expr_names(const expr *e, void (*fn)(void *ctx, const char *name),
                void *ctx);

/* The source text e was parsed from (or the constant, formatted). */
const char *expr_text(const expr *e);

#endif
