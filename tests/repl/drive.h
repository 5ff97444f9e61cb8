/* drive — runs mldrill the way a learner or a script does, for the REPL
 * tests: through pipes (a script: `mldrill < commands`) or through a
 * pseudo-terminal (forkpty: a person at a terminal), sending input and
 * waiting for output with a timeout.  Over a pty the output also feeds a
 * small VT100 screen emulator, so a test can check what the screen shows
 * (that a warning did not garble the line being typed), not just which
 * bytes went by. */
#ifndef MLDRILL_TEST_DRIVE_H
#define MLDRILL_TEST_DRIVE_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/util.h"

typedef struct screen screen;

typedef struct proc {
    pid_t pid;
    bool pty;
    int in;                   /* the child's stdin (pipe, or the pty master) */
    int out;                  /* its stdout (and stderr, on a pty) */
    int err;                  /* its stderr (pipe mode) */
    strbuf o, e;              /* everything read so far */
    size_t mark;              /* expect() searches o from here */
    screen *scr;              /* pty mode */
    int status;               /* exit status once reaped, else -1 */
} proc;

/* Environment for a session: a fresh state directory (XDG_STATE_HOME) and
 * working directory under dir; extra "NAME=value" entries (NULL-ended,
 * may be NULL) are added.  The cache (compiled references) is shared. */
typedef struct session_env {
    const char *cwd;
    const char *state;
    const char *const *extra;
} session_env;

/* Starts $MLDRILL_BIN with args (NULL-ended, may be NULL). */
proc *proc_pipe(const session_env *env, const char *const *args);
proc *proc_pty(const session_env *env, const char *const *args, int rows, int cols);

void proc_send(proc *p, const char *s);

/* Waits until needle appears in the output after the mark (and moves the
 * mark past it); false on timeout or when the process ended first. */
bool proc_expect(proc *p, const char *needle, double timeout_s);

/* Reads whatever arrives for the given time. */
void proc_drain(proc *p, double seconds);

/* Waits for the exit; returns the exit status, or -1 on timeout (the
 * process is then killed). */
int proc_wait(proc *p, double timeout_s);

void proc_free(proc *p);

/* --- the emulated screen (pty mode) --------------------------------------- */

/* Row r of the screen as text, trailing blanks removed (caller frees). */
char *screen_row(const proc *p, int r);

/* The row the cursor is on, and its column. */
int screen_cursor_row(const proc *p);
int screen_cursor_col(const proc *p);

/* The whole screen, rows joined with newlines (caller frees). */
char *screen_text(const proc *p);

/* --- helpers ---------------------------------------------------------------- */

/* A fresh directory under /tmp (caller frees). */
char *tmp_dir(const char *tag);

/* Copies a file. */
bool copy_file(const char *from, const char *to);

/* $MLDRILL_SRC/rel (caller frees). */
char *src_path(const char *rel);

/* The live (not zombie) children of pid whose command line contains
 * needle. */
int live_children(pid_t pid, const char *needle);

/* The children of pid that ended and were not reaped (zombies). */
int zombie_children(pid_t pid);

/* The live descendants of pid (its children, theirs, ...) whose command
 * line contains needle. */
int live_descendants(pid_t pid, const char *needle);

#endif
