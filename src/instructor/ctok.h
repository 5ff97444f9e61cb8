/* ctok — a small C tokenizer for the mutation operators (mutate.h): no
 * parser, no preprocessor.  Comments are skipped, string and character
 * literals are single tokens, preprocessor lines give no tokens, and the
 * code a model answer compiles only for a mistake (the A part of
 * `#if MISTAKE(id)` A `#else` B `#endif`; conditions made of MISTAKE(id),
 * 0, 1, !, && and || are evaluated with every MISTAKE off, any other
 * condition counts as true) is marked inactive. */
#ifndef MLDRILL_CTOK_H
#define MLDRILL_CTOK_H

#include <stdbool.h>

typedef enum ctok_kind {
    CT_IDENT,            /* identifiers and keywords */
    CT_NUMBER,           /* preprocessing numbers: 0, 1e-15, 0x1fu, 2.5f */
    CT_STRING,           /* "..." (skipped over, never mutated) */
    CT_CHAR,             /* '...' */
    CT_PUNCT,            /* operators and punctuation, longest match */
} ctok_kind;

typedef struct ctok {
    ctok_kind kind;
    int off, len;        /* bytes of the text */
    int line, col;       /* 1-based; columns count bytes */
    bool active;         /* compiled by default (not in a MISTAKE branch) */
} ctok;

/* The tokens of text (NUL-terminated), preprocessor lines and comments
 * left out.  Returns the count and a malloc'd array in *toks (the caller
 * frees it). */
int ctok_scan(const char *text, ctok **toks);

#endif
