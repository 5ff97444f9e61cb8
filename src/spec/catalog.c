/* catalog — see catalog.h. */
#define _GNU_SOURCE

#include "spec/catalog.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "util/suggest.h"

char *catalog_data_dir(void)
{
    const char *env = getenv("MLDRILL_DATA");
    if (env && *env)
        return xstrdup(env);
    /* an uninstalled build runs from the build directory: use the sources */
    char *dir = exe_dir();
    char *real = path_absolute(dir);
    char *build = path_absolute(MLDRILL_BUILDDIR);
    size_t nb = strlen(build);
    bool uninstalled = strncmp(real, build, nb) == 0 && (real[nb] == '/' || real[nb] == '\0');
    free(dir);
    free(real);
    free(build);
    return xstrdup(uninstalled ? MLDRILL_SRCDIR : MLDRILL_DATADIR);
}

static void add_dir(catalog *cat, const char *d)
{
    cat->dirs = xrealloc(cat->dirs, sizeof(char *) * (size_t)(cat->ndirs + 1));
    cat->dirs[cat->ndirs++] = xstrdup(d);
}

catalog *catalog_open(const char *const *extra, int nextra)
{
    catalog *cat = xcalloc(1, sizeof *cat);
    for (int i = 0; i < nextra; i++)
        add_dir(cat, extra[i]);
    const char *env = getenv("MLDRILL_CHALLENGES");
    if (env && *env) {
        char *copy = xstrdup(env), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
            add_dir(cat, d);
        free(copy);
    }
    char *data = catalog_data_dir();
    char *builtin = path_join(data, "challenges");
    add_dir(cat, builtin);
    free(builtin);
    free(data);
    return cat;
}

void catalog_free(catalog *cat)
{
    if (!cat)
        return;
    for (int i = 0; i < cat->ndirs; i++)
        free(cat->dirs[i]);
    free(cat->dirs);
    free(cat);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

bool catalog_is_path(const char *arg)
{
    return ends_with(arg, ".json") || strchr(arg, '/');
}

bool catalog_is_spec(const char *path, char **why)
{
    char *text = file_read(path, NULL, NULL);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    bool spec = !root || (cJSON_IsObject(root) &&
                          (cJSON_GetObjectItemCaseSensitive(root, "id") ||
                           cJSON_GetObjectItemCaseSensitive(root, "functions")));
    if (!spec && why)
        *why = xasprintf("not a challenge spec (a spec is an object with \"id\" and "
                         "\"functions\"; this is %s)",
                         cJSON_IsObject(root)  ? "an object with neither"
                         : cJSON_IsArray(root) ? "an array"
                                               : "a single value");
    cJSON_Delete(root);
    return spec;
}

char *catalog_find(const catalog *cat, const char *id, md_err *err)
{
    if (catalog_is_path(id)) {
        if (file_exists(id))
            return xstrdup(id);
        md_fail(err, "%s: no such spec file", id);
        return NULL;
    }
    for (int i = 0; i < cat->ndirs; i++) {
        char *name = xasprintf("%s.json", id);
        char *p = path_join(cat->dirs[i], name);
        free(name);
        if (file_exists(p) && catalog_is_spec(p, NULL))
            return p;
        free(p);
    }
    char *near = catalog_suggest(cat, id);
    md_fail(err, "unknown challenge \"%s\"%s%s%s (`mldrill list` shows the challenges)", id,
            near ? ": did you mean `" : "", near ? near : "", near ? "`?" : "");
    free(near);
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds id to ids[0..*n) unless it is there. */
static void add_id(char ***ids, int *n, char *id)
{
    for (int k = 0; k < *n; k++)
        if (strcmp((*ids)[k], id) == 0) {
            free(id);
            return;
        }
    *ids = xrealloc(*ids, sizeof(char *) * (size_t)(*n + 1));
    (*ids)[(*n)++] = id;
}

/* Adds the file at path to the skipped ones (path and why taken over). */
static void add_skip(catalog_skip **skipped, int *n, char *path, char *why)
{
    *skipped = xrealloc(*skipped, sizeof(catalog_skip) * (size_t)(*n + 1));
    (*skipped)[(*n)++] = (catalog_skip){path, why};
}

int catalog_scan(const catalog *cat, char ***ids, catalog_skip **skipped, int *nskipped)
{
    int n = 0;
    *ids = NULL;
    if (skipped) {
        *skipped = NULL;
        *nskipped = 0;
    }
    for (int i = 0; i < cat->ndirs; i++) {
        DIR *d = opendir(cat->dirs[i]);
        if (!d)
            continue;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (!ends_with(de->d_name, ".json") || strcmp(de->d_name, "schema.json") == 0 ||
                de->d_name[0] == '.')
                continue;
            char *path = path_join(cat->dirs[i], de->d_name), *why = NULL;
            if (catalog_is_spec(path, &why)) {
                add_id(ids, &n, xstrndup(de->d_name, strlen(de->d_name) - 5));
            } else if (skipped) {
                add_skip(skipped, nskipped, path, why);    /* taken over */
                path = why = NULL;
            }
            free(why);
            free(path);
        }
        closedir(d);
    }
    if (n)
        qsort(*ids, (size_t)n, sizeof(char *), cmp_str);
    return n;
}

void catalog_skips_free(catalog_skip *skipped, int n)
{
    for (int i = 0; i < n; i++) {
        free(skipped[i].path);
        free(skipped[i].why);
    }
    free(skipped);
}

int catalog_ids(const catalog *cat, char ***ids)
{
    return catalog_scan(cat, ids, NULL, NULL);
}

char *catalog_suggest(const catalog *cat, const char *id)
{
    char **ids;
    int n = catalog_ids(cat, &ids);
    int k = suggest_closest(id, (const char *const *)ids, (size_t)n);
    char *near = k >= 0 ? xstrdup(ids[k]) : NULL;
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return near;
}

/* Whether id occurs in stem (both lower case) as a whole word: no letter
 * just before or just after it. */
static bool word_in(const char *stem, const char *id)
{
    size_t l = strlen(id);
    for (const char *p = strstr(stem, id); p; p = strstr(p + 1, id)) {
        bool start = p == stem || !isalpha((unsigned char)p[-1]);
        if (start && !isalpha((unsigned char)p[l]))
            return true;
    }
    return false;
}

int catalog_match_file(const char *file, const char *const *ids, int n, int *match)
{
    char *stem = path_stem(file);
    for (char *s = stem; *s; s++)
        *s = (char)tolower((unsigned char)*s);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (word_in(stem, ids[i]))
            match[m++] = i;
    free(stem);
    /* an id inside a longer matching id is that one's word, not its own */
    int kept = 0;
    for (int a = 0; a < m; a++) {
        bool inside = false;
        for (int b = 0; b < m && !inside; b++)
            inside = b != a && strlen(ids[match[b]]) > strlen(ids[match[a]]) &&
                     strstr(ids[match[b]], ids[match[a]]);
        if (!inside)
            match[kept++] = match[a];
    }
    return kept;
}
