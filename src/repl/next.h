/* next — `next`: what to practise, from the history and the schedule of
 * store/schedule.h; and the schedule of every challenge, which `stats`
 * shows too.  The command follows the convention of session.h. */
#ifndef MLDRILL_REPL_NEXT_H
#define MLDRILL_REPL_NEXT_H

#include "repl/session.h"
#include "store/schedule.h"

/* The schedule of every challenge of the catalog at unix time now, from
 * h (NULL: nothing attempted), sorted by id.  With specs, each spec is
 * loaded for its difficulty and time limit (a spec that does not load is
 * left out).  Free with review_free.  Returns the count (*out is set even
 * when it is 0). */
int review_items(const catalog *cat, history *h, bool specs, int64_t now, sched_item **out);
void review_free(sched_item *items, int n);

/* What the schedule says of a challenge, in a few words for a table:
 * "due", "in 5 days", "again unaided", "again strong", or "" (new,
 * not passed yet). */
void review_cell(const sched *s, int64_t now, char *buf, size_t n);

int repl_next(session *s, int argc, char **argv);

#endif
