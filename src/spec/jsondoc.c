/* jsondoc — see jsondoc.h.  The walker is a minimal scanner over text that
 * cJSON has already accepted, so it only has to follow the structure. */

#include "spec/jsondoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

expr *jdoc_expr(const jdoc *d, const cJSON *j, const char *path, md_err *err)
{
    if (cJSON_IsNumber(j))
        return expr_const(j->valuedouble);
    if (cJSON_IsString(j)) {
        md_err e2;
        expr *e = expr_parse(j->valuestring, &e2);
        if (!e)
            jdoc_fail(d, err, path, "bad expression %s", e2.msg);
        return e;
    }
    jdoc_fail(d, err, path, "expected a number or an expression string such as \"n*d\"");
    return NULL;
}

char *jpath_key(const char *path, const char *key)
{
    return path && *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

char *jpath_idx(const char *path, int i)
{
    return xasprintf("%s[%d]", path ? path : "", i);
}

static void offset_to_linecol(const char *text, size_t off, int *line,
                              int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;    /* count characters, not UTF-8 continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

/* --- the walker ---------------------------------------------------------- */

typedef struct walk {
    const char *text, *p;
    const char *target;     /* path looked for, or NULL */
    const char *found;      /* where target's value starts */
    const char *dup;        /* first duplicate key found */
    char *dup_path;
} walk;

/* Skips what cJSON skips between tokens: every byte up to ' ', control
 * characters included, so the walker never falls out of step with it. */
static void ws(walk *w)
{
    while (*w->p && (unsigned char)*w->p <= ' ')
        w->p++;
}

/* Scans a string literal starting at '"'; returns its decoded-enough text
 * (escapes kept as is, which is fine for comparing keys). */
static char *scan_string(walk *w)
{
    const char *start = ++w->p;
    while (*w->p && *w->p != '"') {
        if (*w->p == '\\' && w->p[1])
            w->p++;
        w->p++;
    }
    char *s = xstrndup(start, (size_t)(w->p - start));
    if (*w->p == '"')
        w->p++;
    return s;
}

static void scan_value(walk *w, const char *path);

static void scan_object(walk *w, const char *path)
{
    w->p++;    /* { */
    char **keys = NULL;
    int nkeys = 0;
    for (;;) {
        ws(w);
        if (*w->p == '}' || !*w->p)
            break;
        if (*w->p != '"')
            break;
        const char *keypos = w->p;
        char *key = scan_string(w);
        for (int i = 0; i < nkeys; i++) {
            if (strcmp(keys[i], key) == 0 && !w->dup) {
                w->dup = keypos;
                w->dup_path = jpath_key(path, key);
            }
        }
        keys = xrealloc(keys, sizeof *keys * (size_t)(nkeys + 1));
        keys[nkeys++] = key;
        ws(w);
        if (*w->p == ':')
            w->p++;
        char *child = jpath_key(path, key);
        scan_value(w, child);
        free(child);
        ws(w);
        if (*w->p == ',')
            w->p++;
    }
    if (*w->p == '}')
        w->p++;
    for (int i = 0; i < nkeys; i++)
        free(keys[i]);
    free(keys);
}

static void scan_array(walk *w, const char *path)
{
    w->p++;    /* [ */
    for (int i = 0;; i++) {
        ws(w);
        if (*w->p == ']' || !*w->p)
            break;
        char *child = jpath_idx(path, i);
        const char *before = w->p;
        scan_value(w, child);
        free(child);
        if (w->p == before)
            break;    /* out of step (never on text cJSON accepted) */
        ws(w);
        if (*w->p == ',')
            w->p++;
    }
    if (*w->p == ']')
        w->p++;
}

static void scan_value(walk *w, const char *path)
{
    ws(w);
    if (w->target && !w->found && strcmp(path, w->target) == 0)
        w->found = w->p;
    switch (*w->p) {
    case '{':
        scan_object(w, path);
        break;
    case '[':
        scan_array(w, path);
        break;
    case '"':
        free(scan_string(w));
        break;
    default:    /* number, true, false, null */
        while (*w->p && !strchr(",]} \t\r\n", *w->p))
            w->p++;
    }
}

/* --- public -------------------------------------------------------------- */

int jdoc_parse(jdoc *d, const char *file, char *text, md_err *err)
{
    memset(d, 0, sizeof *d);
    d->file = xstrdup(file);
    d->text = text;
    const char *end = NULL;
    d->root = cJSON_ParseWithOpts(text, &end, 1);
    if (!d->root) {
        int line, col;
        size_t off = end ? (size_t)(end - text) : 0;
        offset_to_linecol(text, off, &line, &col);
        md_fail(err, "%s:%d:%d: invalid JSON near here (a missing comma, "
                     "quote or bracket, or a trailing comma)",
                file, line, col);
        return -1;
    }
    walk w = {text, text, NULL, NULL, NULL, NULL};
    scan_value(&w, "");
    if (w.dup) {
        int line, col;
        offset_to_linecol(text, (size_t)(w.dup - text), &line, &col);
        md_fail(err, "%s:%d:%d: %s: duplicate key (each key may appear once)",
                file, line, col, w.dup_path);
        free(w.dup_path);
        return -1;
    }
    return 0;
}

int jdoc_load(jdoc *d, const char *file, md_err *err)
{
    char *text = file_read(file, NULL, err);
    if (!text) {
        memset(d, 0, sizeof *d);
        return -1;
    }
    return jdoc_parse(d, file, text, err);
}

void jdoc_free(jdoc *d)
{
    if (!d)
        return;
    cJSON_Delete(d->root);
    free(d->text);
    free(d->file);
    memset(d, 0, sizeof *d);
}

void jdoc_locate(const jdoc *d, const char *path, int *line, int *col)
{
    *line = *col = 0;
    if (!d->text)
        return;
    walk w = {d->text, d->text, path ? path : "", NULL, NULL, NULL};
    scan_value(&w, "");
    free(w.dup_path);
    if (w.found)
        offset_to_linecol(d->text, (size_t)(w.found - d->text), line, col);
}

int jdoc_fail(const jdoc *d, md_err *err, const char *path, const char *fmt,
              ...)
{
    if (!err)
        return -1;
    char msg[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* a missing key has no position: point at the nearest ancestor */
    int line = 0, col = 0;
    char *where = xstrdup(path ? path : "");
    for (;;) {
        jdoc_locate(d, where, &line, &col);
        char *cut = strrchr(where, '.');
        char *br = strrchr(where, '[');
        if (line > 0 || !*where)
            break;
        if (br && (!cut || br > cut))
            cut = br;
        if (cut)
            *cut = '\0';
        else
            where[0] = '\0';
    }
    free(where);
    if (line > 0)
        md_fail(err, "%s:%d:%d: %s: %s", d->file, line, col,
                path && *path ? path : "(top level)", msg);
    else
        md_fail(err, "%s: %s: %s", d->file,
                path && *path ? path : "(top level)", msg);
    return -1;
}
