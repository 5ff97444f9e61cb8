/* info — what the learner has done: `list` (the challenges with the best
 * scores, shared with `mldrill list`), `history` and `stats`.  The
 * commands follow the convention of session.h. */
#ifndef MLDRILL_REPL_INFO_H
#define MLDRILL_REPL_INFO_H

#include <stdio.h>

#include "spec/catalog.h"
#include "repl/session.h"
#include "store/history.h"

typedef struct list_filter {
    const char *tag;          /* only challenges with this tag, or NULL */
    int difficulty;           /* a difficulty value, or -1 for any */
    bool tags;                /* list the tags instead (--tag with no value) */
} list_filter;

/* Parses `list` arguments (argv[0] is the command name): --tag T,
 * --difficulty D (also --tag=T, --difficulty=D, or D alone); --tag last
 * (or --tag=) asks for the tags.  Returns 0, or -1 with err. */
int list_parse(int argc, char **argv, list_filter *f, md_err *err);

/* Prints the challenges that match f: id, difficulty, time limit, best
 * score and whether it was solved (from h, which may be NULL), title; or,
 * when f->tags, every tag with the number of challenges that have it.
 * A spec that does not load is reported on stderr and skipped.  Returns
 * the number listed, or -1 when a spec failed to load. */
int info_list(FILE *out, const catalog *cat, history *h, const list_filter *f, bool colour);

int repl_list(session *s, int argc, char **argv);
int repl_history(session *s, int argc, char **argv);
int repl_stats(session *s, int argc, char **argv);

#endif
