/* workspace — the learner's solution files: one <id>.c per challenge in
 * the workspace directory (./mldrill-work by default, --workspace DIR to
 * choose).  A starter file holds the statement as a comment, the includes
 * a solution may use, and a stub of every function to write, so it
 * compiles from the first `run`.  Work is never thrown away: an existing
 * file is kept by `start`, and `reset` keeps the old one as <id>.c.bak.
 * Nothing here prints. */
#ifndef MLDRILL_WORKSPACE_H
#define MLDRILL_WORKSPACE_H

#include "spec/spec.h"

/* The workspace directory, absolute, created if missing: dir, or
 * ./mldrill-work when dir is NULL.  Caller frees; NULL with err. */
char *workspace_dir(const char *dir, md_err *err);

/* The solution file of a challenge in the workspace (caller frees). */
char *workspace_file(const char *dir, const challenge *c);

/* The starter text of a challenge (caller frees). */
char *workspace_starter(const challenge *c);

/* Writes the starter file unless the solution file exists.  Sets *path
 * (caller frees) and *created.  Returns 0, or -1 with err. */
int workspace_prepare(const char *dir, const challenge *c, char **path, bool *created,
                      md_err *err);

/* Replaces the solution file with the starter; the previous file, if any,
 * is kept as <file>.bak and *backup names it (caller frees; NULL when
 * there was none).  Returns 0, or -1 with err. */
int workspace_reset(const char *dir, const challenge *c, char **backup, md_err *err);

#endif
