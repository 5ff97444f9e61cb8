/* repl_line — reading the REPL's commands.
 *
 * On a terminal (stdin and stdout both ttys, TERM not dumb) lines are edited with
 * libedit: emacs keys (and ~/.editrc), history kept across sessions in a
 * plain file, Tab completion through a hook, Ctrl-C discarding the line,
 * Ctrl-D on an empty line ending the input.  While the learner sits at
 * the prompt, an idle hook is called about once a second: the prompt is
 * redrawn in place when its text changes (the countdown), and a message
 * the hook returns is printed above the line being typed, which is then
 * redrawn intact (libedit's EL_REFRESH after moving to the start of the
 * edit area).
 *
 * Anywhere else (a pipe, a file) lines are read as they are, with no
 * prompt and no escape sequences, so `mldrill < commands.txt` works; the
 * idle hook's messages are printed as plain lines.
 *
 * The caller owns the signal handlers: it passes the flags they set
 * (SIGINT, SIGWINCH, SIGCONT), installed without SA_RESTART so a wait is
 * interrupted. */
#ifndef MLDRILL_REPL_LINE_H
#define MLDRILL_REPL_LINE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* Non-printing parts of a prompt (colour) are wrapped in this byte. */
#define RLINE_ESC '\1'

typedef struct rline_hooks {
    void *ctx;
    /* The prompt into buf (plain text; colour wrapped in RLINE_ESC). */
    void (*prompt)(void *ctx, char *buf, size_t n);
    /* Called while waiting for input; returns a message to show (caller
     * of the hook frees) or NULL. */
    char *(*idle)(void *ctx);
    /* Completion candidates for the word `prefix` after the complete
     * words before it; returns a malloc'd array of malloc'd strings
     * (count in *n), or NULL. */
    char **(*complete)(void *ctx, char **words, int nwords, const char *prefix, int *n);
    /* Set by the caller's signal handlers; may be NULL. */
    volatile sig_atomic_t *interrupted, *resized, *continued;
} rline_hooks;

typedef struct rline rline;

/* Opens the reader on stdin/stdout.  history_path (may be NULL) is the
 * file of past command lines, loaded now and appended to as lines are
 * entered (editing mode only).  Never fails: without a terminal the
 * plain reader is used.  Close with rline_close. */
rline *rline_open(const char *prog, const char *history_path, const rline_hooks *h);
void rline_close(rline *l);

/* Reads one line, without its newline (caller frees).  NULL at the end of
 * the input (Ctrl-D on an empty line, end of file). */
char *rline_read(rline *l);

/* Whether lines are edited with libedit (stdin and stdout are ttys). */
bool rline_editing(const rline *l);

/* Whether stdin is a terminal (a person types the commands). */
bool rline_interactive(const rline *l);

/* --- keys, for `watch` ---------------------------------------------------- */

/* The file descriptor to poll for input. */
int rline_fd(const rline *l);

/* Whether input is already buffered (poll on rline_fd would miss it). */
bool rline_buffered(const rline *l);

/* On a terminal: single keys without echo until rline_keys_end. */
void rline_keys_begin(rline *l);
void rline_keys_end(rline *l);

/* After poll said rline_fd is readable: on a terminal, consumes the keys
 * pressed; elsewhere reads into the line buffer (nothing is lost).
 * Returns 1, or 0 at end of input. */
int rline_take_input(rline *l);

#endif
