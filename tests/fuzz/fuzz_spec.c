/* fuzz_spec — see fuzz_spec.h. */
#include "fuzz_spec.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec/cases.h"
#include "run/compile.h"
#include "config.h"
#include "spec/challenge.h"
#include "spec/spec.h"

/* The scratch directory: <dir>/challenges/ takes the inputs. */
static char *dir, *specdir;

static void link_into(const char *target, const char *name)
{
    char *p = path_join(specdir, name);
    if (symlink(target, p) != 0 && !file_exists(p) && !dir_exists(p))
        fprintf(stderr, "fuzz_spec: cannot link %s\n", p);
    free(p);
}

int fuzz_spec_init(void)
{
    if (dir)
        return 0;
    const char *src = getenv("MLDRILL_SRC");
    if (!src || !*src)
        src = MLDRILL_SRCDIR;
    char tmpl[] = "/tmp/mldrill-fuzz-XXXXXX";
    if (!mkdtemp(tmpl))
        return -1;
    dir = xstrdup(tmpl);
    specdir = path_join(dir, "challenges");
    md_err err;
    if (mkdir_p(specdir, &err) != 0)
        return -1;
    /* the built-in seeds say "../reference/x.c", "../tests/solutions/x" */
    char *ref = path_join(src, "reference"), *tests = path_join(src, "tests");
    char *p = path_join(dir, "reference"), *q = path_join(dir, "tests");
    int rc = symlink(ref, p) | symlink(tests, q);
    free(ref);
    free(tests);
    free(p);
    free(q);
    /* docs/example's seed names files next to itself, and so does the probe */
    char *ex = path_join(src, "docs/example");
    DIR *d = opendir(ex);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.' || strstr(de->d_name, ".json"))
            continue;
        char *t = path_join(ex, de->d_name);
        link_into(t, de->d_name);
        free(t);
    }
    if (d)
        closedir(d);
    free(ex);
    FILE *f;
    for (const char *const *n = (const char *const[]){"ref.c", "variant.c", NULL}; *n; n++) {
        char *fp = path_join(specdir, *n);
        if ((f = fopen(fp, "w")))
            fclose(f);
        free(fp);
    }
    return rc == 0 ? 0 : -1;
}

/* The file name an input must have: its "id" when that is a short
 * identifier (the loader requires id == file name), else "fuzz". */
static char *spec_name(const uint8_t *data, size_t size)
{
    cJSON *j = cJSON_ParseWithLength((const char *)data, size);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
    char *name = NULL;
    if (cJSON_IsString(id) && *id->valuestring && strlen(id->valuestring) < 64 &&
        (isalpha((unsigned char)id->valuestring[0]) || id->valuestring[0] == '_')) {
        bool ok = true;
        for (const char *s = id->valuestring; *s; s++)
            ok &= isalnum((unsigned char)*s) || *s == '_';
        if (ok)
            name = xasprintf("%s.json", id->valuestring);
    }
    cJSON_Delete(j);
    return name ? name : xstrdup("fuzz.json");
}

int fuzz_spec_one(const uint8_t *data, size_t size)
{
    if (fuzz_spec_init() != 0)
        abort();
    char *name = spec_name(data, size);
    char *path = path_join(specdir, name);
    free(name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    md_err err;
    challenge *c = challenge_load(path, &err);
    unlink(path);
    free(path);
    if (!c)
        return 0;
    free(compile_header(c));
    /* what a grading does next: generate every case's inputs (within a
     * modest memory limit, as the runner would need them to fit) */
    if (c->memory_mb > 256)
        c->memory_mb = 256;
    for (int i = 0; i < c->ncases; i++) {
        case_inst ci;
        if (case_instantiate(c, &c->cases[i], 7, NULL, 1, &ci, &err) == 0)
            case_inst_free(&ci);
    }
    /* the timing input at its smallest size: the same generators, and
     * many more inputs a second */
    if (c->timing.enabled && c->timing.nscales > 0) {
        case_inst ci;
        if (case_instantiate(c, &c->timing.base, 7, c->timing.grow, c->timing.scales[0], &ci,
                             &err) == 0)
            case_inst_free(&ci);
    }
    spec_free(c);
    return 1;
}
