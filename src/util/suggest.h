/* suggest — "did you mean `submit`?": the closest of a set of words to a
 * mistyped one, by edit distance.  The distance counts insertions,
 * deletions, substitutions and swaps of two neighbouring letters (the
 * optimal string alignment distance), so `sbumit` is one step from
 * `submit`, as a person would count it. */
#ifndef MLDRILL_SUGGEST_H
#define MLDRILL_SUGGEST_H

#include <stddef.h>

/* The edit distance between a and b (bytes, case-sensitive). */
int suggest_distance(const char *a, const char *b);

/* The index of the word of words[0..n) closest to typed, or -1 when none
 * is close enough to be what was meant: at most 1 edit for words of up
 * to 4 letters, 2 up to 8, 3 beyond.  Ties go to the earlier word.  A
 * word equal to typed is not suggested (it was not mistyped). */
int suggest_closest(const char *typed, const char *const *words, size_t n);

#endif
