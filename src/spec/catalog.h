/* catalog — where challenges come from: directories named with
 * --challenges, then those in $MLDRILL_CHALLENGES (colon-separated), then
 * the built-in set (the source tree's challenges/ when run from a build
 * directory, the installed data directory otherwise).  A challenge is
 * <dir>/<id>.json; the first directory that has an id wins. */
#ifndef MLDRILL_CATALOG_H
#define MLDRILL_CATALOG_H

#include "util/util.h"

typedef struct catalog {
    char **dirs;
    int ndirs;
} catalog;

/* Builds the search path; extra may be NULL.  Free with catalog_free. */
catalog *catalog_open(const char *const *extra, int nextra);
void catalog_free(catalog *cat);

/* The spec path for an id, or for a path to a .json file.  Caller frees;
 * NULL with err ("unknown challenge \"kmean\": did you mean `kmeans`?
 * (`mldrill list` shows the challenges)"). */
char *catalog_find(const catalog *cat, const char *id, md_err *err);

/* Whether a command-line argument names a spec file (a path, or a name
 * ending in .json) rather than a challenge id. */
bool catalog_is_path(const char *arg);

/* The challenge id closest to a mistyped one ("did you mean"), or NULL
 * when none is close (caller frees). */
char *catalog_suggest(const catalog *cat, const char *id);

/* Every challenge id on the path, sorted, duplicates removed; returns the
 * count and a malloc'd array of malloc'd strings. */
int catalog_ids(const catalog *cat, char ***ids);

/* The data directory with challenges/, reference/ and tests/ (caller
 * frees). */
char *catalog_data_dir(void);

#endif
