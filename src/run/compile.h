/* compile — turns a C file into a shared object the runner can load.
 * Solutions, references and mistake variants are compiled the same way:
 * $CC (default cc) -std=c11 -O2 -fPIC -shared, linked against CBLAS,
 * LAPACKE and libm only, with a generated header of the challenge's
 * prototypes force-included so a wrong signature is the compiler's own
 * "conflicting types" error.  Results are cached under the XDG cache
 * directory by a SHA-256 key over the bytes, the flags, the compiler's
 * identity, the header and the role; trusted builds (references, model
 * answers, variants) and untrusted ones (a learner's file) are kept in
 * separate directories, so a learner's build can never be loaded as a
 * reference.  The compiler runs under rlimits, in its own process group,
 * and dies with the grader. */
#ifndef MLDRILL_COMPILE_H
#define MLDRILL_COMPILE_H

#include <signal.h>

#include "spec/spec.h"

/* The largest source file compiled (a learner's file, a reference). */
#define COMPILE_MAX_SOURCE ((size_t)1 << 20)

typedef struct compile_opts {
    bool sanitize;        /* -fsanitize=address,undefined -g */
    bool no_cache;        /* always compile */
    bool untrusted;       /* a learner's file: the compiler may read only the
                             toolchain, this file and the prototypes (so it
                             cannot #include the reference), see confine.h */
    const char *mistake;  /* a mistake id: compile the variant of a model
                             answer, with `#if MISTAKE(id)` true; or NULL */
    const char *text;     /* trusted builds: compile this text as if it were
                             src's content (a mutant of src: its #include
                             "..." files are found next to src, messages
                             name src); or NULL to read src */
    volatile sig_atomic_t *cancel;  /* when set (the REPL's Ctrl-C), the
                             compiler's process group is killed within
                             50 ms and compile_file fails, "cancelled";
                             may be NULL */
} compile_opts;

typedef struct compile_result {
    bool ok;              /* a shared object was produced */
    char *so_path;        /* the cached .so (caller frees) */
    char *output;         /* the compiler's messages, possibly empty */
    bool cached;          /* taken from the cache */
    double seconds;       /* compile time (0 when cached) */
} compile_result;

/* The prototypes header for a challenge (caller frees), its declarations
 * from proto.h, the generator the statement's block comes from too.  It
 * also defines MISTAKE(id), with which a model answer marks a mistake's
 * site: false, unless compile_opts.mistake names that id. */
char *compile_header(const challenge *c);

/* Compiles src.  Returns 0 with res filled (res->ok false on a compile
 * error, with the messages in res->output), or -1 with err when the
 * compiler could not be run, the file not read, or o->cancel was set
 * (nothing of the build is left then, no process either). */
int compile_file(const challenge *c, const char *src, const compile_opts *o,
                 compile_result *res, md_err *err);

/* Compiles the variant of a mistake: its own source, or the model answer
 * with MISTAKE(m->id) true (o->mistake is ignored).  Returns 1 (res
 * untouched) when the mistake has no variant, else as compile_file. */
int compile_mistake(const challenge *c, const mistake_spec *m, const compile_opts *o,
                    compile_result *res, md_err *err);

/* The file a mistake's variant is built from (borrowed), or NULL. */
const char *compile_mistake_file(const challenge *c, const mistake_spec *m);

void compile_result_clear(compile_result *r);

/* The compiler command used ($CC or "cc"). */
const char *compile_cc(void);

/* The flags every build is compiled with, in order (static; *n gets
 * their count), and the libraries linked after the file ("-lopenblas
 * -lm"), for a program built the same way outside mldrill (debug.h). */
const char *const *compile_flags(int *n);
const char *compile_libs(void);

#endif
