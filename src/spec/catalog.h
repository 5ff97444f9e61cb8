/* catalog — where challenges come from: directories named with
 * --challenges, then those in $MLDRILL_CHALLENGES (colon-separated), then
 * the built-in set (the source tree's challenges/ when run from a build
 * directory, the installed data directory otherwise).  A challenge is
 * <dir>/<id>.json; the first directory that has an id wins.  Other JSON
 * files in those directories are skipped (catalog_is_spec). */
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

/* The spec path for an id (the first <dir>/<id>.json that is a spec), or
 * for a path to a .json file.  Caller frees;
 * NULL with err ("unknown challenge \"kmean\": did you mean `kmeans`?
 * (`mldrill list` shows the challenges)"). */
char *catalog_find(const catalog *cat, const char *id, md_err *err);

/* Whether a command-line argument names a spec file (a path, or a name
 * ending in .json) rather than a challenge id. */
bool catalog_is_path(const char *arg);

/* The challenge id closest to a mistyped one ("did you mean"), or NULL
 * when none is close (caller frees). */
char *catalog_suggest(const catalog *cat, const char *id);

/* Whether the .json file at path is a challenge spec.  A course
 * directory may hold other JSON (last week's grades.json, a report of
 * `grade --json`): a file is a spec when its top level is an object with
 * an "id" or a "functions" key (every spec has both; one is enough, so
 * that a spec with a typo in the other is reported, not skipped), or when
 * it does not parse (its syntax error is reported, not hidden).
 * When it is not a spec and why is not NULL, *why says what it is instead
 * (caller frees). */
bool catalog_is_spec(const char *path, char **why);

/* A JSON file on the path that is not a challenge spec. */
typedef struct catalog_skip {
    char *path;
    char *why;           /* catalog_is_spec's reason */
} catalog_skip;

/* Every challenge id on the path, sorted, duplicates removed; returns the
 * count and a malloc'd array of malloc'd strings.  When skipped is not
 * NULL, the .json files that are not specs go to *skipped (free with
 * catalog_skips_free) and their count to *nskipped, for a note. */
int catalog_scan(const catalog *cat, char ***ids, catalog_skip **skipped, int *nskipped);
void catalog_skips_free(catalog_skip *skipped, int n);

/* catalog_scan without the skipped files. */
int catalog_ids(const catalog *cat, char ***ids);

/* The challenges a solution's file name points at: ids[i] matches when
 * it appears in the file's stem as a whole word ("kmeans.c",
 * "kmeans_v2.c", "my-kmeans.c": not followed or preceded by a letter,
 * compared without case), and an id that is part of another matching id
 * gives way to it ("kmeans_pp.c" is kmeans_pp, not kmeans).  Fills
 * match[] (room for n) with the indices of the matches, in the order of
 * ids, and returns how many: 1 is an answer, more is ambiguous. */
int catalog_match_file(const char *file, const char *const *ids, int n, int *match);

/* The data directory with challenges/, reference/ and tests/ (caller
 * frees). */
char *catalog_data_dir(void);

#endif
