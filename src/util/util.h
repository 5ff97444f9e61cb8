/* util — small shared helpers: checked allocation, a growable string,
 * whole-file reads, paths (XDG directories, the data directory) and a
 * content hash.  Nothing here prints; errors are returned as values and
 * described in an md_err the caller owns. */
#ifndef MLDRILL_UTIL_H
#define MLDRILL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An error message filled by library-level functions; only main/the REPL
 * print it.  msg is always NUL-terminated (empty when there is no error). */
typedef struct md_err {
    char msg[2048];
} md_err;

/* Sets err->msg from a printf format and returns -1, so callers can write
 * `return md_fail(err, "...")`.  err may be NULL. */
int md_fail(md_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Allocation that aborts the program on exhaustion (the grader cannot do
 * anything sensible without memory).  Free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);              /* s may be NULL: returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated string.  Zero-initialise ({0}) to start;
 * sb_free releases; sb_take hands the buffer to the caller (free()). */
typedef struct strbuf {
    char *buf;
    size_t len, cap;
} strbuf;

void sb_add(strbuf *sb, const char *s);
void sb_addn(strbuf *sb, const char *s, size_t n);
void sb_addc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
/* Appends s as one word a POSIX shell reads back as s: as it is when it
 * holds only safe characters, else in single quotes.  Control characters
 * become '?', so that a path never drives the terminal. */
void sb_add_shell_word(strbuf *sb, const char *s);
const char *sb_str(const strbuf *sb);      /* "" when empty, never NULL */

/* Appends s (NULL: nothing) with every byte a terminal would act on made
 * visible: control characters but newline and tab, DEL, the C1 controls
 * (U+0080-U+009F) and bytes that are not UTF-8 become "\x1b"-style text.
 * For whatever a solution, a compiler or a spec wrote, before a person's
 * terminal sees it. */
void sb_add_visible(strbuf *sb, const char *s);
char *sb_take(strbuf *sb);                 /* caller frees; sb is reset */
void sb_free(strbuf *sb);

/* Reads a whole file into a NUL-terminated buffer the caller frees.
 * Returns NULL and fills err (naming the path and the errno text). */
char *file_read(const char *path, size_t *len, md_err *err);

/* Reads a regular file of at most max bytes, for paths a user hands in
 * (submissions, solutions): the last component is not followed if it is a
 * symbolic link (O_NOFOLLOW), a FIFO, device or directory is refused
 * without blocking, and no more than max bytes are ever read.  Returns a
 * NUL-terminated buffer the caller frees, or NULL with err. */
char *file_read_regular(const char *path, size_t max, size_t *len, md_err *err);

/* Writes data to path atomically (temporary file + rename). */
int file_write_atomic(const char *path, const void *data, size_t len,
                      md_err *err);

bool file_exists(const char *path);
bool dir_exists(const char *path);

/* mkdir -p with mode 0700 for new directories. */
int mkdir_p(const char *path, md_err *err);

/* Removes path and, if it is a directory, everything under it, without
 * following symbolic links.  Best effort: what cannot go stays. */
void remove_tree(const char *path);

/* Path helpers; results are malloc'd and the caller frees them. */
char *path_join(const char *a, const char *b);
char *path_dirname(const char *path);
const char *path_basename(const char *path);   /* points into path */
char *path_stem(const char *path);             /* basename without extension */
char *path_absolute(const char *path);         /* realpath or cwd-joined */

/* A path as a person would type it: relative to the working directory
 * when it lies below it; written into buf, which is returned. */
const char *path_shown(const char *path, char *buf, size_t n);

/* XDG base directories for mldrill: "$XDG_CACHE_HOME/mldrill" (or
 * ~/.cache/mldrill), "$XDG_STATE_HOME/mldrill" (~/.local/state/mldrill).
 * Created on demand.  Caller frees. */
char *xdg_cache_dir(md_err *err);
char *xdg_state_dir(md_err *err);

/* Directory holding this executable (from /proc/self/exe).  Caller frees. */
char *exe_dir(void);

/* 64-bit FNV-1a, chainable: pass the previous hash as seed (start with
 * HASH_SEED).  Used for content-addressed caches, not for security. */
#define HASH_SEED 0xcbf29ce484222325ULL
uint64_t hash_bytes(uint64_t seed, const void *data, size_t len);
uint64_t hash_str(uint64_t seed, const char *s);

/* Monotonic wall-clock time in seconds. */
double now_seconds(void);

/* Sleeps for the given seconds (interruptions cut it short). */
void sleep_seconds(double s);

/* Whether colour should be used on this stream (a tty and no NO_COLOR). */
bool use_colour(int fd);

#endif
