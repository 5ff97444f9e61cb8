/* contract — a function's argument requirements as data
 * (docs/spec-format.md, "Contracts"): the grammar of one requirement
 * ("n >= 1", "0 <= y < k", "n_test <= n"), the values that break it
 * minimally or sit on its edge, and the words a statement says about it.
 * The cases these values give are built by derive.h; the loader reads the
 * spec keys (spec_contract.c).
 *
 * Nothing here allocates beyond what a requirement owns (freed by
 * spec_free) and the strbufs the caller passes. */
#ifndef MLDRILL_CONTRACT_H
#define MLDRILL_CONTRACT_H

#include "spec/model.h"

/* Parses text as a requirement on a parameter of f into r (r->text and
 * r->path are left to the caller).  The grammar:
 *
 *     requirement = side op side | side op param op side
 *     op          = "<" | "<=" | ">" | ">=" | "=="
 *
 * where a side is an expression (expr.h) and exactly one side of a
 * two-sided comparison is a bare parameter name (the left one when both
 * are): an int or double scalar, or an int[] or double[] array (then
 * every element is constrained).  In a chain both operators point the
 * same way ("0 <= y < k"); "==" compares int scalars only.  A bound may
 * not refer to its own subject.  Returns -1 with err (unlocated). */
int contract_parse(const char *text, const function *f, requirement *r, md_err *err);

/* Whether x satisfies r with its bounds evaluated to lo and hi (an absent
 * side is ignored). */
bool contract_holds(const requirement *r, double x, double lo, double hi);

/* The values that violate r minimally: just below lo, just above hi, or
 * both neighbours of an equality; for ints the next whole number, for
 * doubles 1e-12 * max(1, |bound|) away (a strict bound is itself the
 * violation).  Returns how many were written to out (at most 2). */
int contract_violations(const requirement *r, double lo, double hi, double out[2]);

/* The values on r's edges that still satisfy it: lo and hi themselves, or
 * the next whole number inside a strict int bound (a strict double bound
 * has none, nor an equality).  Returns the count. */
int contract_boundaries(const requirement *r, double lo, double hi, double out[2]);

/* The value nearest x that satisfies r (x itself when it does): a bound,
 * or the next whole number (1e-12 * max(1, |bound|) for a double) inside
 * a strict one. */
double contract_nearest(const requirement *r, double x, double lo, double hi);

/* Appends the condition under which r is violated, as a statement says
 * it: "n < 1", "n_test < 0 or n_test > n", "an element of y outside
 * 0..k-1". */
void contract_violation_text(const requirement *r, strbuf *sb);

/* The character contract_sentences joins the words of one clause with
 * ("n_test < 0"), so that wrapping never breaks inside it; whoever shows
 * the text turns it into a space (challenge.c does). */
#define CONTRACT_NBSP '\x1f'

/* Appends the names of f's output and inout arrays, the outputs a
 * rejection leaves alone, as a list ending in conj: "loss or n_iter". */
void contract_outputs_text(const function *f, const char *conj, strbuf *sb);

/* Appends the sentences {{contract}} stands for in a statement: for every
 * function, what it returns for invalid arguments and which ones, what it
 * may assume, and which flags take any non-zero value.  Nothing for a
 * challenge without contracts. */
void contract_sentences(const challenge *c, strbuf *sb);

/* Whether some function declares a contract. */
bool contract_any(const challenge *c);

/* Whether f declares one (requirements, assumptions or flags). */
bool contract_declared(const function *f);

/* A number as a derived case's name and the statement write it ("0",
 * "-1e-12", "2.5"), into buf. */
const char *contract_num(double v, char *buf, size_t n);

#endif
