/* jsondoc — a parsed JSON file that remembers where things are.
 * cJSON nodes carry no source positions, so errors about a node are
 * located by walking the text again to the node's JSON path
 * ("functions[0].params[2].shape") and reporting its line and column.
 * Duplicate object keys, which cJSON accepts silently, are rejected. */
#ifndef MLDRILL_JSONDOC_H
#define MLDRILL_JSONDOC_H

#include <cjson/cJSON.h>

#include "spec/expr.h"
#include "util/util.h"

typedef struct jdoc {
    char *file;      /* path shown in messages (owned) */
    char *text;      /* the file's text (owned) */
    cJSON *root;     /* owned; freed by jdoc_free */
} jdoc;

/* Parses text (taking ownership of it) as a JSON document from file.
 * On a syntax error or a duplicate key returns -1 with
 * "file:line:col: message" in err. */
int jdoc_parse(jdoc *d, const char *file, char *text, md_err *err);

/* Reads and parses a file. */
int jdoc_load(jdoc *d, const char *file, md_err *err);

void jdoc_free(jdoc *d);

/* Line and column (1-based) where the value at path starts; the object's
 * own position when path is "" ; 0,0 when the path does not exist. */
void jdoc_locate(const jdoc *d, const char *path, int *line, int *col);

/* Fills err with "file:line:col: path: message" and returns -1. */
int jdoc_fail(const jdoc *d, md_err *err, const char *path,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A number, or a string holding an expression ("n*d"), as an expr (free
 * with expr_free).  NULL with err located at path otherwise. */
expr *jdoc_expr(const jdoc *d, const cJSON *j, const char *path, md_err *err);

/* Builds child paths: jpath_key("a", "b") = "a.b", jpath_idx("a", 2) =
 * "a[2]".  Caller frees. */
char *jpath_key(const char *path, const char *key);
char *jpath_idx(const char *path, int i);

#endif
