/* Helpers shared by the unit tests. */
#ifndef MLDRILL_TESTUTIL_H
#define MLDRILL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/util.h"

/* A fresh temporary directory (never removed: it lives under /tmp). */
static inline char *test_tmpdir(void)
{
    char tmpl[] = "/tmp/mldrill-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? xstrdup(d) : NULL;
}

/* Writes text to dir/name and returns the path (caller frees). */
static inline char *test_write(const char *dir, const char *name, const char *text)
{
    char *p = path_join(dir, name);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return p;
}

#endif
