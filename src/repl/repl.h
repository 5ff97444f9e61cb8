/* repl — the interactive practice session, what `mldrill` with no command
 * opens: pick a challenge, write it in your editor against a countdown,
 * `run` and `submit` it, with every submission kept in the history.  On
 * a terminal lines are edited (history, Tab completion) and the countdown
 * lives in the prompt; on a pipe the same commands run with no prompt, so
 * a session can be scripted.  The commands are described by `help` and
 * in docs/repl.md. */
#ifndef MLDRILL_REPL_H
#define MLDRILL_REPL_H

#include "spec/catalog.h"

typedef struct repl_config {
    catalog *cat;             /* borrowed */
    const char *prog;
    const char *workspace;    /* --workspace DIR, or NULL for ./mldrill-work */
    const char *history_db;   /* NULL: the XDG state directory's */
} repl_config;

/* Runs the session until quit or end of input.  Returns an exit code:
 * 0, or 3 when the session could not start. */
int repl_main(const repl_config *cfg);

#endif
