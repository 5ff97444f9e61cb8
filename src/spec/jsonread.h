/* jsonread — typed reading of a jdoc's objects (jsondoc.h), the way the
 * spec format wants it: every key known, every value of its type and
 * range, and every error "file:line:col: json.path: what was expected".
 * A reader is a document and the error to fill; the getters never print
 * and never keep a pointer into the document.
 *
 * Each getter reads obj[key] (path is obj's own JSON path) and returns 0,
 * or -1 with the reader's err set.  An absent optional key is not an
 * error and leaves *out as it was, so callers set defaults first.
 * Strings are copied: the caller frees what it gets. */
#ifndef MLDRILL_JSONREAD_H
#define MLDRILL_JSONREAD_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "spec/jsondoc.h"
#include "util/util.h"

typedef struct jreader {
    const jdoc *d;       /* the document read (borrowed) */
    md_err *err;         /* where errors go (borrowed) */
} jreader;

/* jdoc_fail on the reader's document: fills err, returns -1. */
#define JR_FAIL(r, path, ...) jdoc_fail((r)->d, (r)->err, (path), __VA_ARGS__)

/* obj[key], or NULL (keys are case-sensitive). */
const cJSON *jr_item(const cJSON *obj, const char *key);

/* A C identifier: a letter or _, then letters, digits and _. */
bool jr_is_ident(const char *s);

/* Every key of obj must be in the NULL-terminated list keys. */
int jr_keys(jreader *r, const cJSON *obj, const char *path, const char *const *keys);

/* A string; missing is an error when required. */
int jr_str(jreader *r, const cJSON *obj, const char *path, const char *key,
           bool required, char **out);

/* A string that is a C identifier. */
int jr_ident(jreader *r, const cJSON *obj, const char *path, const char *key,
             bool required, char **out);

/* A number from lo to hi. */
int jr_num(jreader *r, const cJSON *obj, const char *path, const char *key,
           double lo, double hi, double *out);

int jr_bool(jreader *r, const cJSON *obj, const char *path, const char *key, bool *out);

/* A string, or an array of strings joined with newlines (long texts). */
int jr_text(jreader *r, const cJSON *obj, const char *path, const char *key,
            bool required, char **out);

/* An array of strings: *out gets a malloc'd array of *n copies (NULL and
 * 0 when absent).  On an error the strings read so far stay in *out. */
int jr_strs(jreader *r, const cJSON *obj, const char *path, const char *key,
            char ***out, int *n);

/* A path relative to the document's directory naming an existing file
 * (or directory, want_dir); *out gets its absolute path. */
int jr_file(jreader *r, const cJSON *obj, const char *path, const char *key,
            bool required, bool want_dir, char **out);

#endif
