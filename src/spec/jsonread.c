/* jsonread — see jsonread.h. */

#include "spec/jsonread.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const cJSON *jr_item(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

bool jr_is_ident(const char *s)
{
    if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

/* Fails at path.key (the usual place of a getter's error). */
static int fail_at_key(jreader *r, const char *path, const char *key, const char *msg)
{
    char *p = jpath_key(path, key);
    JR_FAIL(r, p, "%s", msg);
    free(p);
    return -1;
}

int jr_keys(jreader *r, const cJSON *obj, const char *path, const char *const *keys)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        int ok = 0;
        for (int i = 0; keys[i]; i++)
            ok |= strcmp(it->string, keys[i]) == 0;
        if (!ok) {
            strbuf list = {0};
            for (int i = 0; keys[i]; i++)
                sb_printf(&list, "%s%s", i ? ", " : "", keys[i]);
            char *p = jpath_key(path, it->string);
            JR_FAIL(r, p, "unknown key \"%s\" (expected one of: %s)", it->string,
                    sb_str(&list));
            free(p);
            sb_free(&list);
            return -1;
        }
    }
    return 0;
}

int jr_str(jreader *r, const cJSON *obj, const char *path, const char *key, bool required,
           char **out)
{
    const cJSON *j = jr_item(obj, key);
    if (!j)
        return required ? JR_FAIL(r, path, "missing \"%s\"", key) : 0;
    if (!cJSON_IsString(j))
        return fail_at_key(r, path, key, "expected a string");
    *out = xstrdup(j->valuestring);
    return 0;
}

int jr_ident(jreader *r, const cJSON *obj, const char *path, const char *key,
             bool required, char **out)
{
    if (jr_str(r, obj, path, key, required, out) != 0)
        return -1;
    if (*out && !jr_is_ident(*out)) {
        char *p = jpath_key(path, key);
        JR_FAIL(r, p, "\"%s\" is not a C identifier (letters, digits, _)", *out);
        free(p);
        return -1;
    }
    return 0;
}

int jr_num(jreader *r, const cJSON *obj, const char *path, const char *key, double lo,
           double hi, double *out)
{
    const cJSON *j = jr_item(obj, key);
    if (!j)
        return 0;
    char *p = jpath_key(path, key);
    int rc = 0;
    if (!cJSON_IsNumber(j))
        rc = JR_FAIL(r, p, "expected a number");
    else if (j->valuedouble < lo || j->valuedouble > hi)
        rc = JR_FAIL(r, p, "%g is out of range (expected %g to %g)", j->valuedouble, lo,
                     hi);
    else
        *out = j->valuedouble;
    free(p);
    return rc;
}

int jr_bool(jreader *r, const cJSON *obj, const char *path, const char *key, bool *out)
{
    const cJSON *j = jr_item(obj, key);
    if (!j)
        return 0;
    if (!cJSON_IsBool(j))
        return fail_at_key(r, path, key, "expected true or false");
    *out = cJSON_IsTrue(j);
    return 0;
}

int jr_text(jreader *r, const cJSON *obj, const char *path, const char *key,
            bool required, char **out)
{
    const cJSON *j = jr_item(obj, key);
    if (!j || cJSON_IsString(j))
        return jr_str(r, obj, path, key, required, out);
    if (!cJSON_IsArray(j))
        return fail_at_key(r, path, key, "expected a string or an array of lines");
    char *p = jpath_key(path, key);
    strbuf sb = {0};
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, j)
    {
        if (!cJSON_IsString(it)) {
            char *ip = jpath_idx(p, i);
            JR_FAIL(r, ip, "expected a string (one line of text)");
            free(ip);
            free(p);
            sb_free(&sb);
            return -1;
        }
        if (i++)
            sb_addc(&sb, '\n');
        sb_add(&sb, it->valuestring);
    }
    free(p);
    *out = sb_take(&sb);
    return 0;
}

int jr_strs(jreader *r, const cJSON *obj, const char *path, const char *key, char ***out,
            int *n)
{
    const cJSON *j = jr_item(obj, key);
    *out = NULL;
    *n = 0;
    if (!j)
        return 0;
    if (!cJSON_IsArray(j))
        return fail_at_key(r, path, key, "expected an array of strings");
    char *p = jpath_key(path, key);
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(char *));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (!cJSON_IsString(it)) {
            char *ip = jpath_idx(p, *n);
            JR_FAIL(r, ip, "expected a string");
            free(ip);
            free(p);
            return -1;
        }
        (*out)[(*n)++] = xstrdup(it->valuestring);
    }
    free(p);
    return 0;
}

int jr_file(jreader *r, const cJSON *obj, const char *path, const char *key,
            bool required, bool want_dir, char **out)
{
    char *rel = NULL;
    if (jr_str(r, obj, path, key, required, &rel) != 0)
        return -1;
    if (!rel)
        return 0;
    char *doc = path_absolute(r->d->file);
    char *dir = path_dirname(doc);
    char *full = path_join(dir, rel);
    free(doc);
    free(dir);
    int rc = 0;
    if (want_dir ? !dir_exists(full) : !file_exists(full)) {
        char *p = jpath_key(path, key);
        rc = JR_FAIL(r, p, "%s \"%s\" not found (looked for %s; paths are "
                           "relative to the spec's directory)",
                     want_dir ? "directory" : "file", rel, full);
        free(p);
    } else {
        *out = path_absolute(full);
    }
    free(full);
    free(rel);
    return rc;
}
