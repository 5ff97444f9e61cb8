/* proto — the C declarations of a challenge's functions, generated from
 * "functions" and nowhere else: the prototypes header the compiler is
 * given (run/compile.h), the block the statement shows (challenge.h puts
 * it in, `show`, the starter file and the session print it) and the
 * starter file's stubs (store/workspace.h) all come from here, so what a
 * learner reads is what the compiler checks.  It also finds the
 * declarations a statement still spells out by hand, for validate.
 *
 * Every function returning char * returns memory the caller frees. */
#ifndef MLDRILL_PROTO_H
#define MLDRILL_PROTO_H

#include "spec/model.h"

/* The declaration of f without its semicolon:
 * "void softmax(const double *Z, int n, int k, double *P)". */
char *proto_decl(const function *f);

/* The opaque handle types the functions name, each once, in the order
 * they first appear (borrowed from c); at most max.  Their count. */
int proto_handles(const challenge *c, const char **out, int max);

/* Appends decl to sb starting at column indent (the indent added),
 * broken after commas so that no line passes width columns, the
 * continuation lines aligned after the opening parenthesis. */
void proto_wrap(strbuf *sb, const char *decl, int indent, int width);

/* Appends the statement's prototype block: each handle type's typedef,
 * then every function's declaration with its semicolon, each line
 * indented by 4 and no wider than width.  No blank line around it. */
void proto_block(const challenge *c, strbuf *sb, int width);

/* A declaration a text spells out: a function's prototype (a return type
 * of C type words, the name, the parameters) or a typedef. */
typedef struct proto_mention {
    int line;            /* where it starts: the line of text, from 0 */
    char *written;       /* as written, comments out, blanks collapsed */
    char *name;          /* the function or type it declares */
    char *generated;     /* what "functions" generate for that name, or
                            NULL when no function or handle has it */
} proto_mention;

/* The declarations in text (a statement as written).  A declaration
 * that starts with `static` is a helper, not one of the challenge's, and
 * is left out.  Returns their count; free with proto_mentions_free. */
int proto_mentions(const challenge *c, const char *text, proto_mention **out);
void proto_mentions_free(proto_mention *m, int n);

/* Whether two declarations are the same C text, up to blanks and a
 * final semicolon. */
bool proto_same(const char *a, const char *b);

#endif
