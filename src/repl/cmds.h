/* cmds — the commands of a challenge in progress: start, edit, run,
 * submit, hint, time, solution, report, debug, reset, abandon.  Each follows the
 * command convention of session.h. */
#ifndef MLDRILL_CMDS_H
#define MLDRILL_CMDS_H

#include "repl/session.h"

int repl_start(session *s, int argc, char **argv);
int repl_edit(session *s, int argc, char **argv);
int repl_run(session *s, int argc, char **argv);
int repl_submit(session *s, int argc, char **argv);
int repl_hint(session *s, int argc, char **argv);
int repl_time(session *s, int argc, char **argv);
int repl_solution(session *s, int argc, char **argv);
int repl_report(session *s, int argc, char **argv);
int repl_debug(session *s, int argc, char **argv);
int repl_reset(session *s, int argc, char **argv);
int repl_abandon(session *s, int argc, char **argv);

#endif
