/* spec — the spec loader: builds the challenge model (model.h) from a
 * parsed spec file, strictly.  Every key must be known, every value must
 * have the type and range docs/spec-format.md gives, and every error names
 * the file, line, column and JSON path.  challenge.h loads a whole
 * challenge (this, then every case resolved).
 *
 * The loader's files share one private header, spec_parse.h: spec.c reads
 * the top level, spec_sig.c the function signatures, calls and checks,
 * spec_case.c the cases and sections, spec_whole.c the checks that need
 * the whole challenge (which criteria apply, weights, pass rules). */
#ifndef MLDRILL_SPEC_H
#define MLDRILL_SPEC_H

#include "spec/model.h"

typedef struct jdoc jdoc;

/* Builds the challenge a parsed spec describes, checking every key and
 * value (but not the cross-references between cases, functions and
 * generators: challenge_load does that).  Returns NULL with err set to
 * "file:line:col: json.path: what was expected".  Free with spec_free. */
challenge *spec_parse(const jdoc *d, md_err *err);

#endif
