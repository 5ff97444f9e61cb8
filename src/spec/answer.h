/* answer — the model answer as a learner sees it: the text of the model
 * .c with its mistake sites taken out, so `solution` shows the answer a
 * strong candidate writes and not the switches that build the mistake
 * variants (docs/spec-format.md, "Mistakes").
 *
 * A site is one of these forms, each directive alone on its line
 * (leading blanks and a trailing comment allowed):
 *
 *   #if MISTAKE(id)  A  #else  B  #endif     keeps B
 *   #if MISTAKE(id)  A  #endif               keeps nothing
 *   #if !MISTAKE(id) B  #endif               keeps B
 *   #if !MISTAKE(id) B  #else  A  #endif     keeps B
 *
 * Sites do not nest; an ordinary #if ... #endif inside a site is kept
 * with its branch. */
#ifndef MLDRILL_ANSWER_H
#define MLDRILL_ANSWER_H

#include "util/util.h"

/* The text shown for a model answer's source text (caller frees), or NULL
 * with err ("line N: ...") when a site is not closed, is nested in
 * another, or an #else/#endif of a site comes twice. */
char *answer_strip(const char *text, md_err *err);

/* Reads the model answer at path and strips it (caller frees); NULL with
 * err. */
char *answer_shown(const char *path, md_err *err);

#endif
