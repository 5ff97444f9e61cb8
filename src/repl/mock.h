/* mock — `mock [MINUTES]`: a mock interview, unsolved challenges back to
 * back under one clock, and a summary at the end.  The command convention
 * is session.h's. */
#ifndef MLDRILL_MOCK_H
#define MLDRILL_MOCK_H

#include "repl/session.h"

int repl_mock(session *s, int argc, char **argv);

/* After a submit (or an abandon: skipped) of a mock's challenge: records
 * the result and starts the next challenge, or prints the summary and
 * ends the mock. */
void mock_advance(session *s, const report *r, int attempt_n, bool skipped);

/* "2/3" for the prompt (buf), or false when no mock is running. */
bool mock_position(const session *s, char *buf, size_t n);

/* Ends a mock early (quit): prints the summary. */
void mock_finish(session *s);

#endif
