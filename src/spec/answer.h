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

/* A mistake site of a model answer. */
typedef struct answer_site {
    char *id;
    int line;            /* of its #if */
    bool negated;        /* #if !MISTAKE(id) */
    bool has_else;
} answer_site;

/* The mistake sites of a model answer's text, in order, into *sites
 * (free with answer_sites_free) and *n.  Only directive lines open one:
 * a comment or a string that mentions MISTAKE( is not a site.  Returns 0
 * when every site is one of the forms above, unnested and closed (with
 * strict, one of the three documented in docs/spec-format.md: the first
 * three); else -1 with err ("line N: ...") and the sites read up to
 * there.  The loader accepts all four (specs written before keep
 * loading); validate holds a model answer to the three. */
int answer_sites(const char *text, bool strict, answer_site **sites, int *n, md_err *err);
void answer_sites_free(answer_site *sites, int n);

/* Reads the model answer at path and strips it (caller frees); NULL with
 * err. */
char *answer_shown(const char *path, md_err *err);

#endif
