/* jschema — see jschema.h. */
#include "jschema.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(strbuf *errs, int *n, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(strbuf *errs, int *n, const char *path, const char *fmt, ...)
{
    (*n)++;
    if (!errs)
        return;
    va_list ap;
    va_start(ap, fmt);
    sb_printf(errs, "%s: ", *path ? path : "(top)");
    sb_vprintf(errs, fmt, ap);
    sb_addc(errs, '\n');
    va_end(ap);
}

const cJSON *jschema_resolve(const cJSON *root, const char *ref)
{
    if (strncmp(ref, "#", 1) != 0)
        return NULL;
    const cJSON *node = root;
    const char *p = ref + 1;
    while (*p == '/' && node) {
        p++;
        size_t l = strcspn(p, "/");
        char key[256];
        if (l >= sizeof key)
            return NULL;
        memcpy(key, p, l);
        key[l] = '\0';
        if (cJSON_IsArray(node))
            node = cJSON_GetArrayItem(node, atoi(key));
        else
            node = cJSON_GetObjectItemCaseSensitive(node, key);
        p += l;
    }
    return *p ? NULL : node;
}

static bool type_is(const cJSON *inst, const char *t)
{
    if (strcmp(t, "object") == 0)
        return cJSON_IsObject(inst);
    if (strcmp(t, "array") == 0)
        return cJSON_IsArray(inst);
    if (strcmp(t, "string") == 0)
        return cJSON_IsString(inst);
    if (strcmp(t, "number") == 0)
        return cJSON_IsNumber(inst);
    if (strcmp(t, "integer") == 0)
        return cJSON_IsNumber(inst) && inst->valuedouble == floor(inst->valuedouble);
    if (strcmp(t, "boolean") == 0)
        return cJSON_IsBool(inst);
    if (strcmp(t, "null") == 0)
        return cJSON_IsNull(inst);
    return false;
}

static char *child_key(const char *path, const char *key)
{
    return *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

static char *child_idx(const char *path, int i)
{
    return xasprintf("%s[%d]", path, i);
}

static const char *const annotations[] = {
    "$schema", "$id", "$comment", "title", "description", "default", "examples",
    "definitions", NULL,
};

static const char *const supported[] = {
    "$ref", "type", "enum", "const", "properties", "required", "additionalProperties",
    "propertyNames", "items", "minItems", "maxItems", "minimum", "maximum",
    "exclusiveMinimum", "pattern", "oneOf", "anyOf", "allOf", "if", "then", "else", NULL,
};

static bool in_list(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* One alternative of oneOf/anyOf: its error count, errors kept aside. */
static int try_branch(const cJSON *root, const cJSON *s, const cJSON *inst, const char *path,
                      strbuf *out)
{
    return jschema_check(root, s, inst, path, out);
}

int jschema_check(const cJSON *root, const cJSON *schema, const cJSON *inst, const char *path,
                  strbuf *errs)
{
    int n = 0;
    if (cJSON_IsBool(schema)) {
        if (cJSON_IsFalse(schema))
            fail(errs, &n, path, "not allowed here");
        return n;
    }
    if (!cJSON_IsObject(schema)) {
        fail(errs, &n, path, "the schema here is not an object");
        return n;
    }
    const cJSON *kw;
    cJSON_ArrayForEach(kw, schema)
    {
        const char *k = kw->string;
        if (in_list(k, annotations))
            continue;
        if (!in_list(k, supported)) {
            fail(errs, &n, path, "the schema uses \"%s\", which this checker does not support",
                 k);
            continue;
        }
        if (strcmp(k, "$ref") == 0) {
            const cJSON *target = cJSON_IsString(kw) ? jschema_resolve(root, kw->valuestring)
                                                     : NULL;
            if (!target)
                fail(errs, &n, path, "unresolvable $ref");
            else
                n += jschema_check(root, target, inst, path, errs);
        } else if (strcmp(k, "type") == 0) {
            bool ok = false;
            if (cJSON_IsString(kw)) {
                ok = type_is(inst, kw->valuestring);
            } else {
                const cJSON *t;
                cJSON_ArrayForEach(t, kw) ok |= cJSON_IsString(t) && type_is(inst, t->valuestring);
            }
            if (!ok) {
                char *want = cJSON_PrintUnformatted(kw);
                fail(errs, &n, path, "expected type %s", want);
                free(want);
                return n;    /* the other keywords would only repeat it */
            }
        } else if (strcmp(k, "enum") == 0) {
            bool ok = false;
            const cJSON *e;
            cJSON_ArrayForEach(e, kw) ok |= cJSON_Compare(e, inst, true);
            if (!ok) {
                char *want = cJSON_PrintUnformatted(kw);
                fail(errs, &n, path, "expected one of %s", want);
                free(want);
            }
        } else if (strcmp(k, "const") == 0) {
            if (!cJSON_Compare(kw, inst, true)) {
                char *want = cJSON_PrintUnformatted(kw);
                fail(errs, &n, path, "expected %s", want);
                free(want);
            }
        } else if (strcmp(k, "properties") == 0 && cJSON_IsObject(inst)) {
            const cJSON *p;
            cJSON_ArrayForEach(p, kw)
            {
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(inst, p->string);
                if (!v)
                    continue;
                char *cp = child_key(path, p->string);
                n += jschema_check(root, p, v, cp, errs);
                free(cp);
            }
        } else if (strcmp(k, "required") == 0 && cJSON_IsObject(inst)) {
            const cJSON *r;
            cJSON_ArrayForEach(r, kw)
            {
                if (cJSON_IsString(r) && !cJSON_GetObjectItemCaseSensitive(inst, r->valuestring))
                    fail(errs, &n, path, "missing \"%s\"", r->valuestring);
            }
        } else if (strcmp(k, "additionalProperties") == 0 && cJSON_IsObject(inst)) {
            const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
            const cJSON *v;
            cJSON_ArrayForEach(v, inst)
            {
                if (props && cJSON_GetObjectItemCaseSensitive(props, v->string))
                    continue;
                char *cp = child_key(path, v->string);
                if (cJSON_IsFalse(kw))
                    fail(errs, &n, cp, "unknown key");
                else
                    n += jschema_check(root, kw, v, cp, errs);
                free(cp);
            }
        } else if (strcmp(k, "propertyNames") == 0 && cJSON_IsObject(inst)) {
            const cJSON *v;
            cJSON_ArrayForEach(v, inst)
            {
                cJSON *name = cJSON_CreateString(v->string);
                char *cp = child_key(path, v->string);
                n += jschema_check(root, kw, name, cp, errs);
                free(cp);
                cJSON_Delete(name);
            }
        } else if (strcmp(k, "items") == 0 && cJSON_IsArray(inst)) {
            const cJSON *v;
            int i = 0;
            cJSON_ArrayForEach(v, inst)
            {
                char *cp = child_idx(path, i++);
                n += jschema_check(root, kw, v, cp, errs);
                free(cp);
            }
        } else if (strcmp(k, "minItems") == 0 && cJSON_IsArray(inst)) {
            if (cJSON_GetArraySize(inst) < kw->valuedouble)
                fail(errs, &n, path, "expected at least %g items", kw->valuedouble);
        } else if (strcmp(k, "maxItems") == 0 && cJSON_IsArray(inst)) {
            if (cJSON_GetArraySize(inst) > kw->valuedouble)
                fail(errs, &n, path, "expected at most %g items", kw->valuedouble);
        } else if (strcmp(k, "minimum") == 0 && cJSON_IsNumber(inst)) {
            if (inst->valuedouble < kw->valuedouble)
                fail(errs, &n, path, "%g is below the minimum %g", inst->valuedouble,
                     kw->valuedouble);
        } else if (strcmp(k, "maximum") == 0 && cJSON_IsNumber(inst)) {
            if (inst->valuedouble > kw->valuedouble)
                fail(errs, &n, path, "%g is above the maximum %g", inst->valuedouble,
                     kw->valuedouble);
        } else if (strcmp(k, "exclusiveMinimum") == 0 && cJSON_IsNumber(inst)) {
            if (inst->valuedouble <= kw->valuedouble)
                fail(errs, &n, path, "%g is not above %g", inst->valuedouble, kw->valuedouble);
        } else if (strcmp(k, "pattern") == 0 && cJSON_IsString(inst)) {
            regex_t re;
            if (!cJSON_IsString(kw) || regcomp(&re, kw->valuestring, REG_EXTENDED | REG_NOSUB)) {
                fail(errs, &n, path, "bad pattern in the schema");
                continue;
            }
            if (regexec(&re, inst->valuestring, 0, NULL, 0) != 0)
                fail(errs, &n, path, "\"%s\" does not match %s", inst->valuestring,
                     kw->valuestring);
            regfree(&re);
        } else if (strcmp(k, "allOf") == 0) {
            const cJSON *s;
            cJSON_ArrayForEach(s, kw) n += jschema_check(root, s, inst, path, errs);
        } else if (strcmp(k, "if") == 0) {
            /* then or else, by whether inst matches if (silently) */
            const char *branch = jschema_check(root, kw, inst, path, NULL) == 0 ? "then" : "else";
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(schema, branch);
            if (s)
                n += jschema_check(root, s, inst, path, errs);
        } else if (strcmp(k, "then") == 0 || strcmp(k, "else") == 0) {
            /* applied through "if" */
        } else if (strcmp(k, "oneOf") == 0 || strcmp(k, "anyOf") == 0) {
            bool one = k[0] == 'o';
            int matches = 0, best = -1;
            strbuf best_errs = {0};
            const cJSON *s;
            cJSON_ArrayForEach(s, kw)
            {
                strbuf e = {0};
                int bad = try_branch(root, s, inst, path, &e);
                if (bad == 0)
                    matches++;
                else if (best < 0 || bad < best) {
                    best = bad;
                    sb_free(&best_errs);
                    best_errs = e;
                    e = (strbuf){0};
                }
                sb_free(&e);
            }
            if (matches == 0) {
                fail(errs, &n, path, "matches none of the %d alternatives; the closest says:",
                     cJSON_GetArraySize(kw));
                if (errs)
                    sb_add(errs, sb_str(&best_errs));
            } else if (one && matches > 1) {
                fail(errs, &n, path, "matches %d alternatives of a oneOf", matches);
            }
            sb_free(&best_errs);
        }
    }
    return n;
}
