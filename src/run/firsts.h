/* firsts — what the solution's first timing round of a run left in its
 * OUT file (outputs, string areas, the calls' results), and the check
 * that every later round leaves the same (rounds.h).  Before a round,
 * elements drawn at random in every output are spoiled (the first and
 * the last among them); after it they must be back, with every string
 * and every call's result: a round the runner skipped or cut short, or
 * answered with other outputs, is caught. */
#ifndef MLDRILL_FIRSTS_H
#define MLDRILL_FIRSTS_H

#include <stdbool.h>
#include <stdint.h>

#include "run/layout.h"

/* Elements spoiled per output and round. */
#define FIRSTS_SPOILED 16

typedef struct firsts firsts;

/* A copy of what run r of l left in out (the solution's OUT, mapped).
 * Caller frees with firsts_free. */
firsts *firsts_take(const layout *l, int r, const unsigned char *out);

void firsts_free(firsts *f);

/* Spoils elements of every output in out, drawn with the xorshift state
 * *rng, and marks the run's calls not run. */
void firsts_spoil(firsts *f, unsigned char *out, uint64_t *rng);

/* Whether out holds, at the spoiled elements, every string area and the
 * calls' results, what the first round left. */
bool firsts_verify(const firsts *f, const unsigned char *out);

/* The next number of a xorshift state (never 0 when *state is not). */
uint64_t firsts_rng(uint64_t *state);

#endif
