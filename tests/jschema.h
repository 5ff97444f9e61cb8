/* jschema — a checker for the subset of JSON Schema (draft-07) that
 * challenges/schema.json uses: type, enum, const, properties, required,
 * additionalProperties, propertyNames, items, minItems, maxItems,
 * minimum, maximum, exclusiveMinimum, pattern (POSIX extended regular
 * expressions, enough for the identifier pattern), oneOf, anyOf, allOf,
 * if/then/else and local $ref ("#/definitions/x").  Annotations (title, description, examples,
 * default, $schema, $id, $comment, definitions) are ignored.  Any other
 * keyword is reported as an error, so the schema cannot start relying on
 * something this checker would silently skip.  Test support code. */
#ifndef MLDRILL_JSCHEMA_H
#define MLDRILL_JSCHEMA_H

#include <cjson/cJSON.h>

#include "util/util.h"

/* Checks inst against schema, a node of the document root (for $ref).
 * Appends one "path: message" line per error to errs (may be NULL) and
 * returns the number of errors. */
int jschema_check(const cJSON *root, const cJSON *schema, const cJSON *inst,
                  const char *path, strbuf *errs);

/* The node a local reference ("#/definitions/x", "#/properties/id")
 * points to in root, or NULL. */
const cJSON *jschema_resolve(const cJSON *root, const char *ref);

#endif
