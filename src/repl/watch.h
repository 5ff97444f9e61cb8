/* watch — `watch`: runs the visible examples each time the solution file
 * is saved, until a key is pressed (a line arrives, on a pipe) or Ctrl-C.
 * The command convention is session.h's. */
#ifndef MLDRILL_WATCH_H
#define MLDRILL_WATCH_H

#include "repl/session.h"

int repl_watch(session *s, int argc, char **argv);

#endif
