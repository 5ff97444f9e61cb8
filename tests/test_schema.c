/* challenges/schema.json against the specs and against the loader.
 *
 * 1. Every built-in spec (challenges/, docs/example/) and the probe spec
 *    (tests/schema/probe.json, which uses every section of the format)
 *    validate against the schema, checked by tests/jschema.c.
 * 2. The schema and the loader (src/spec.c, src/gen.c) agree, probed
 *    through the loader's own error messages so that nothing is copied:
 *    - keys: at every object of the probe spec, an unknown key makes the
 *      loader list the keys it accepts there; that list must equal the
 *      schema's "properties" (both directions of drift);
 *    - enums: an unknown value makes the loader list the values it
 *      accepts; every schema value must load, and every value the loader
 *      lists but the schema lacks must be rejected;
 *    - ranges: every number's minimum and maximum are accepted, and just
 *      beyond them refused;
 *    - required keys: deleting a key the schema then refuses (required,
 *      perhaps only in context, like "handle" for a handle) must make the
 *      loader fail, and deleting any other key must never make the loader
 *      say it is missing;
 *    - coverage: every closed object and every enum in the schema must be
 *      in the probe tables below, so a new section cannot go unprobed. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "config.h"
#include "jschema.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "unit/testutil.h"

static const char *src;     /* the source tree */
static cJSON *schema;
static cJSON *base;         /* tests/schema/probe.json */
static char *dir;           /* where probe specs are written */

/* Objects of the probe spec and the schema node that describes each. */
static const struct {
    const char *path, *ptr;
} objects[] = {
    {"", "#"},
    {"functions[0]", "#/definitions/function"},
    {"functions[0].returns", "#/definitions/returns"},
    {"functions[0].rejects", "#/definitions/rejects"},
    {"functions[0].fast_paths[0]", "#/definitions/fast_path"},
    {"functions[0].params[0]", "#/definitions/param"},
    {"calls[1]", "#/definitions/call"},
    {"checks[0]", "#/definitions/check"},
    {"cases[0]", "#/definitions/case"},
    {"cases[0].expected", "#/definitions/expected"},
    {"convergence", "#/definitions/convergence"},
    {"timing", "#/definitions/timing"},
    {"weights", "#/definitions/weights"},
    {"mistakes[0]", "#/definitions/mistake"},
    {"mutants", "#/definitions/mutants"},
    {"mutants.equivalent[0]", "#/definitions/equivalent"},
    {"limits", "#/definitions/limits"},
    {"pass", "#/definitions/pass"},
    {"inputs.X.set[0]", "#/definitions/set"},
    {"generators", "#/definitions/generators"},
    {"generators.functions[0]", "#/definitions/generator_program"},
    {"generators.functions[0].params[0]", "#/definitions/generator_param"},
};

/* String values of the probe spec that take an enum.  exact: the loader's
 * message lists exactly what it accepts.  A generator kind (rows) is set
 * up first for "pick". */
static const struct {
    const char *path, *ptr;
    bool exact;
    const char *setup;      /* JSON for inputs.X before probing, or NULL */
} enums[] = {
    {"difficulty", "#/properties/difficulty", true, NULL},
    {"functions[0].params[0].type", "#/definitions/param/properties/type", true, NULL},
    {"functions[0].params[5].dir", "#/definitions/param/properties/dir", true, NULL},
    {"functions[0].returns.type", "#/definitions/returns/properties/type", false, NULL},
    {"functions[1].returns", "#/definitions/function/properties/returns/anyOf/0", false, NULL},
    {"checks[0].compare", "#/definitions/check/properties/compare", true, NULL},
    {"functions[0].rejects.outputs", "#/definitions/rejects/properties/outputs", false, NULL},
    {"cases[0].criterion", "#/definitions/case/properties/criterion", true, NULL},
    {"pass.require[0]", "#/definitions/pass/properties/require/items", false, NULL},
    {"inputs.X.set[0].value", "#/definitions/set/properties/value/anyOf/1", false, NULL},
    {"inputs.X.pick", "rows:pick", true, "{\"gen\": \"rows\", \"from\": \"X\"}"},
    {"generators.functions[0].params[0].type",
     "#/definitions/generator_param/properties/type", true, NULL},
};

/* --- helpers ----------------------------------------------------------------- */

/* The node at a JSON path such as "functions[0].params[2]" ("" = root). */
static cJSON *at(cJSON *root, const char *path)
{
    cJSON *node = root;
    const char *p = path;
    while (*p && node) {
        if (*p == '.')
            p++;
        if (*p == '[') {
            node = cJSON_GetArrayItem(node, atoi(p + 1));
            p = strchr(p, ']') + 1;
            continue;
        }
        size_t l = strcspn(p, ".[");
        char key[128];
        snprintf(key, sizeof key, "%.*s", (int)l, p);
        node = cJSON_GetObjectItemCaseSensitive(node, key);
        p += l;
    }
    return node;
}

/* Splits "a.b[2].c" into its parent path and last key; NULL key for an
 * array index. */
static void split_path(const char *path, char *parent, size_t n, const char **key)
{
    const char *dot = strrchr(path, '.');
    const char *br = strrchr(path, '[');
    if (br && (!dot || br > dot)) {
        snprintf(parent, n, "%.*s", (int)(br - path), path);
        *key = NULL;
    } else if (dot) {
        snprintf(parent, n, "%.*s", (int)(dot - path), path);
        *key = dot + 1;
    } else {
        snprintf(parent, n, "%s", "");
        *key = path;
    }
}

/* Replaces (or adds) the value at path in doc. */
static void put(cJSON *doc, const char *path, cJSON *value)
{
    char parent[256];
    const char *key;
    split_path(path, parent, sizeof parent, &key);
    cJSON *p = at(doc, parent);
    assert_non_null(p);
    if (key) {
        if (cJSON_GetObjectItemCaseSensitive(p, key))
            cJSON_ReplaceItemInObjectCaseSensitive(p, key, value);
        else
            cJSON_AddItemToObject(p, key, value);
    } else {
        int i = atoi(strrchr(path, '[') + 1);
        cJSON_ReplaceItemInArray(p, i, value);
    }
}

/* Loads doc as dir/probe.json: "" when it loads, else the loader's error
 * (caller frees). */
static char *load(const cJSON *doc)
{
    char *text = cJSON_Print(doc);
    char *p = test_write(dir, "probe.json", text);
    free(text);
    md_err err = {{0}};
    challenge *c = challenge_load(p, &err);
    free(p);
    spec_free(c);
    return xstrdup(c ? "" : err.msg);
}

/* Whether a loader error is located at path. */
static bool fails_at(const char *err, const char *path)
{
    char *needle = xasprintf(": %s: ", *path ? path : "(top level)");
    bool r = strstr(err, needle) != NULL;
    free(needle);
    return r;
}

/* The list a loader message gives after "expected": "(expected one of: a,
 * b)", "(expected a, b or c)", "expected \"a\", \"b\" or \"c\" (...)".
 * Returns the count; items in out (malloc'd strings, unquoted). */
static int loader_list(const char *msg, char ***out)
{
    const char *s = strstr(msg, "(expected ");
    const char *end;
    if (s) {
        s += 10;
        end = strchr(s, ')');
    } else {
        s = strstr(msg, "expected ");
        if (!s)
            return -1;
        s += 9;
        end = strstr(s, " (");
        if (!end)
            end = s + strlen(s);
    }
    if (strncmp(s, "one of: ", 8) == 0)
        s += 8;
    if (!end)
        return -1;
    char *list = xstrndup(s, (size_t)(end - s));
    /* "a, b or c" -> "a, b, c" */
    strbuf sb = {0};
    for (char *q = list; *q; q++) {
        if (strncmp(q, " or ", 4) == 0) {
            sb_add(&sb, ", ");
            q += 3;
        } else {
            sb_addc(&sb, *q);
        }
    }
    free(list);
    int n = 0;
    *out = NULL;
    char *save = NULL, *copy = sb_take(&sb);
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        size_t l = strlen(tok);
        if (l >= 2 && tok[0] == '"' && tok[l - 1] == '"') {
            tok[l - 1] = '\0';
            tok++;
        }
        *out = xrealloc(*out, sizeof(char *) * (size_t)(n + 1));
        (*out)[n++] = xstrdup(tok);
    }
    free(copy);
    return n;
}

static void free_list(char **l, int n)
{
    for (int i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

static bool listed(char **l, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(l[i], s) == 0)
            return true;
    return false;
}

/* Compares a loader list with a set of schema names (skip: names the
 * loader handles outside its list, such as "gen").  Prints both sides of
 * every difference and returns how many there were. */
static int compare_sets(const char *where, char **loader, int nl, char **schema_names, int ns,
                        const char *const *skip)
{
    int bad = 0;
    for (int i = 0; i < ns; i++) {
        bool skipped = false;
        for (int k = 0; skip && skip[k]; k++)
            skipped |= strcmp(skip[k], schema_names[i]) == 0;
        if (!skipped && !listed(loader, nl, schema_names[i])) {
            printf("DRIFT %s: the schema has \"%s\", the loader does not accept it\n", where,
                   schema_names[i]);
            bad++;
        }
    }
    for (int i = 0; i < nl; i++)
        if (!listed(schema_names, ns, loader[i])) {
            printf("DRIFT %s: the loader accepts \"%s\", the schema does not list it\n", where,
                   loader[i]);
            bad++;
        }
    return bad;
}

static int schema_keys(const cJSON *def, char ***out)
{
    int n = 0;
    *out = NULL;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(def, "properties"))
    {
        *out = xrealloc(*out, sizeof(char *) * (size_t)(n + 1));
        (*out)[n++] = xstrdup(p->string);
    }
    return n;
}

static int enum_values(const cJSON *e, char ***out)
{
    int n = 0;
    *out = NULL;
    const cJSON *v;
    cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(e, "enum"))
    {
        if (!cJSON_IsString(v))
            continue;
        *out = xrealloc(*out, sizeof(char *) * (size_t)(n + 1));
        (*out)[n++] = xstrdup(v->valuestring);
    }
    return n;
}

/* The generator alternatives: the kind each describes ("literal" for the
 * literal form, "program" for the challenge's own generator programs,
 * whose "gen" is any name but a built-in kind's). */
static const char *branch_kind(const cJSON *branch)
{
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(branch, "properties");
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(props, "gen");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(g, "const");
    return cJSON_IsString(c) ? c->valuestring : g ? "program" : "literal";
}

/* The probe spec's generator program with parameters ("probe_gen", its
 * first) and one without ("probe_plain", its second): a program's own
 * parameters are the probe's, not the schema's. */
static const cJSON *probe_program(int i)
{
    return cJSON_GetArrayItem(at(base, "generators.functions"), i);
}

/* The program branch with the probe program's own parameters added to
 * its properties, as the loader lists them (caller deletes). */
static cJSON *program_branch(const cJSON *b)
{
    cJSON *d = cJSON_Duplicate(b, true);
    cJSON *props = cJSON_GetObjectItemCaseSensitive(d, "properties");
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(probe_program(0), "params"))
        cJSON_AddItemToObject(props, cJSON_GetObjectItemCaseSensitive(p, "name")->valuestring,
                              cJSON_CreateObject());
    return d;
}

static const cJSON *generator_branches(void)
{
    return cJSON_GetObjectItemCaseSensitive(jschema_resolve(schema, "#/definitions/generator"),
                                            "oneOf");
}

static const cJSON *resolve_ptr(const char *ptr)
{
    if (strncmp(ptr, "rows:", 5) == 0) {
        const cJSON *b;
        cJSON_ArrayForEach(b, generator_branches())
        {
            if (strcmp(branch_kind(b), "rows") == 0)
                return at((cJSON *)cJSON_GetObjectItemCaseSensitive(b, "properties"), ptr + 5);
        }
        return NULL;
    }
    return jschema_resolve(schema, ptr);
}

/* --- set-up ------------------------------------------------------------------ */

static cJSON *read_json(const char *path)
{
    md_err err;
    char *text = file_read(path, NULL, &err);
    if (!text) {
        printf("%s\n", err.msg);
        return NULL;
    }
    cJSON *j = cJSON_Parse(text);
    free(text);
    return j;
}

static int setup(void **state)
{
    (void)state;
    src = getenv("MLDRILL_SRC");
    if (!src)
        src = MLDRILL_SRCDIR;
    char *p = path_join(src, "challenges/schema.json");
    schema = read_json(p);
    free(p);
    p = path_join(src, "tests/schema/probe.json");
    base = read_json(p);
    free(p);
    dir = test_tmpdir();
    if (!schema || !base || !dir)
        return -1;
    free(test_write(dir, "ref.c", "/* probe reference: never compiled */\n"));
    free(test_write(dir, "gen.c", "/* probe generator programs: never compiled */\n"));
    free(test_write(dir, "variant.c", "/* probe variant: never compiled */\n"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cJSON_Delete(schema);
    cJSON_Delete(base);
    free(dir);
    return 0;
}

/* --- the tests ---------------------------------------------------------------- */

static void check_file(const char *path, int *bad, int *count)
{
    cJSON *spec = read_json(path);
    if (!spec) {
        printf("FAIL %s: not JSON\n", path);
        (*bad)++;
        return;
    }
    strbuf errs = {0};
    int n = jschema_check(schema, schema, spec, "", &errs);
    if (n) {
        printf("FAIL %s against challenges/schema.json:\n%s", path, sb_str(&errs));
        (*bad)++;
    }
    (*count)++;
    sb_free(&errs);
    cJSON_Delete(spec);
}

static void check_dir(const char *sub, int *bad, int *count)
{
    char *d = path_join(src, sub);
    DIR *dd = opendir(d);
    struct dirent *de;
    while (dd && (de = readdir(dd))) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".json") != 0 ||
            strcmp(de->d_name, "schema.json") == 0)
            continue;
        char *p = path_join(d, de->d_name);
        check_file(p, bad, count);
        free(p);
    }
    if (dd)
        closedir(dd);
    free(d);
}

static void builtin_specs_should_match_the_schema(void **state)
{
    (void)state;
    int bad = 0, count = 0;
    check_dir("challenges", &bad, &count);
    check_dir("docs/example", &bad, &count);
    check_dir("tests/schema", &bad, &count);
    printf("%d specs checked against the schema\n", count);
    assert_true(count >= 5);
    assert_int_equal(bad, 0);
}

static void probe_spec_should_load(void **state)
{
    (void)state;
    char *err = load(base);
    if (*err)
        printf("%s\n", err);
    assert_string_equal(err, "");
    free(err);
}

static void checker_should_reject_broken_specs(void **state)
{
    (void)state;
    static const struct {
        const char *path, *json;
    } broken[] = {
        {"minutes", "\"ten\""},
        {"difficulty", "\"tricky\""},
        {"zz_unknown", "1"},
        {"functions[0].params[0].shape", "[1, 2, 3, 4, 5, 6, 7]"},
        {"inputs.X", "{\"gen\": \"normal\", \"classes\": 3}"},
        {"inputs.X", "{\"gen\": \"ints\", \"low\": 0}"},
        {"inputs.X", "{\"gen\": \"normal\", \"literal\": [1]}"},
        {"functions[0].name", "\"2fit\""},
        {"timing.scales", "[0, 1]"},
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        cJSON *doc = cJSON_Duplicate(base, true);
        put(doc, broken[i].path, cJSON_Parse(broken[i].json));
        int n = jschema_check(schema, schema, doc, "", NULL);
        if (n == 0)
            printf("the checker accepts %s = %s\n", broken[i].path, broken[i].json);
        assert_true(n > 0);
        /* and so does the loader refuse it */
        char *err = load(doc);
        assert_string_not_equal(err, "");
        free(err);
        cJSON_Delete(doc);
    }
    cJSON *doc = cJSON_Duplicate(base, true);
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "id");
    assert_true(jschema_check(schema, schema, doc, "", NULL) > 0);
    cJSON_Delete(doc);
}

static int probe_keys(const char *where, const char *path, cJSON *doc, const cJSON *def,
                      const char *const *skip)
{
    char *err = load(doc);
    char *bogus = xasprintf("%s%szz_probe", path, *path ? "." : "");
    int bad = 0;
    char **ll = NULL, **sl = NULL;
    int nl = -1, ns = schema_keys(def, &sl);
    if (!fails_at(err, bogus) || (nl = loader_list(err, &ll)) <= 0) {
        printf("DRIFT %s: an unknown key is not refused with a list of the keys: %s\n", where,
               err);
        bad++;
    } else {
        bad += compare_sets(where, ll, nl, sl, ns, skip);
    }
    free_list(ll, nl > 0 ? nl : 0);
    free_list(sl, ns);
    free(bogus);
    free(err);
    return bad;
}

static void loader_keys_should_match_the_schema(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        cJSON *doc = cJSON_Duplicate(base, true);
        cJSON *obj = at(doc, objects[i].path);
        assert_non_null(obj);
        cJSON_AddNumberToObject(obj, "zz_probe", 1);
        const cJSON *def = jschema_resolve(schema, objects[i].ptr);
        assert_non_null(def);
        bad += probe_keys(objects[i].ptr, objects[i].path, doc, def, NULL);
        cJSON_Delete(doc);
    }
    /* every generator kind, and the literal form */
    static const char *const skip[] = {"gen", "literal", NULL};
    const cJSON *b;
    int kinds = 0;
    cJSON_ArrayForEach(b, generator_branches())
    {
        const char *kind = branch_kind(b);
        bool program = strcmp(kind, "program") == 0;
        cJSON *doc = cJSON_Duplicate(base, true);
        cJSON *g = cJSON_CreateObject();
        if (strcmp(kind, "literal") == 0)
            cJSON_AddItemToObject(g, "literal", cJSON_Parse("[1]"));
        else if (program)    /* the probe's program, its parameter given */
            cJSON_AddStringToObject(g, "gen", "probe_gen");
        else
            cJSON_AddStringToObject(g, "gen", kind);
        if (program)
            cJSON_AddNumberToObject(g, "noise", 1);
        cJSON_AddNumberToObject(g, "zz_probe", 1);
        put(doc, "inputs.X", g);
        char *where = xasprintf("generator %s", kind);
        cJSON *def = program ? program_branch(b) : NULL;
        bad += probe_keys(where, "inputs.X", doc, def ? def : b, skip);
        cJSON_Delete(def);
        free(where);
        cJSON_Delete(doc);
        kinds++;
    }
    /* and the generator kinds themselves */
    cJSON *doc = cJSON_Duplicate(base, true);
    put(doc, "inputs.X", cJSON_Parse("{\"gen\": \"zz_probe\"}"));
    char *err = load(doc);
    char **ll, **sl = xcalloc((size_t)kinds + 2, sizeof(char *));
    int nl = loader_list(err, &ll), ns = 0;
    const cJSON *not_programs = NULL;    /* the names a program may not take */
    cJSON_ArrayForEach(b, generator_branches())
    {
        if (strcmp(branch_kind(b), "program") == 0)
            not_programs = at((cJSON *)cJSON_GetArrayItem(
                                  cJSON_GetObjectItemCaseSensitive(b, "allOf"), 0),
                              "if.properties.gen");
        else if (strcmp(branch_kind(b), "literal") != 0)
            sl[ns++] = xstrdup(branch_kind(b));
    }
    /* the program branch refuses exactly the built-in kinds */
    char **pl = NULL;
    int np = not_programs ? enum_values(not_programs, &pl) : -1;
    if (np < 0) {
        printf("DRIFT generator kinds: the program branch names no built-in kinds\n");
        bad++;
    } else {
        bad += compare_sets("kinds a generator program may not be called", pl, np, sl, ns,
                            NULL);
    }
    free_list(pl, np > 0 ? np : 0);
    /* the loader lists the probe's programs with the kinds */
    for (int i = 0; i < 2; i++)
        sl[ns++] = xstrdup(
            cJSON_GetObjectItemCaseSensitive(probe_program(i), "name")->valuestring);
    if (nl <= 0) {
        printf("DRIFT generator kinds: no list in: %s\n", err);
        bad++;
    } else {
        bad += compare_sets("generator kinds", ll, nl, sl, ns, NULL);
    }
    free_list(ll, nl > 0 ? nl : 0);
    free_list(sl, ns);
    free(err);
    cJSON_Delete(doc);
    assert_int_equal(bad, 0);
}

static void loader_enums_should_match_the_schema(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        const char *path = enums[i].path;
        const cJSON *e = resolve_ptr(enums[i].ptr);
        assert_non_null(e);
        char **sl;
        int ns = enum_values(e, &sl);
        assert_true(ns > 0);
        /* an unknown value is refused at that path, listing the values */
        cJSON *doc = cJSON_Duplicate(base, true);
        if (enums[i].setup)
            put(doc, "inputs.X", cJSON_Parse(enums[i].setup));
        put(doc, path, cJSON_CreateString("zz_probe"));
        char *err = load(doc);
        char **ll = NULL;
        int nl = loader_list(err, &ll);
        if (!fails_at(err, path)) {
            printf("DRIFT %s: the value \"zz_probe\" is not refused there: %s\n", path, err);
            bad++;
        } else if (enums[i].exact) {
            if (nl <= 0) {
                printf("DRIFT %s: no list of values in: %s\n", path, err);
                bad++;
            } else {
                bad += compare_sets(path, ll, nl, sl, ns, NULL);
            }
        }
        free(err);
        cJSON_Delete(doc);
        /* every schema value is accepted there */
        for (int k = 0; k < ns; k++) {
            doc = cJSON_Duplicate(base, true);
            if (enums[i].setup)
                put(doc, "inputs.X", cJSON_Parse(enums[i].setup));
            put(doc, path, cJSON_CreateString(sl[k]));
            err = load(doc);
            if (fails_at(err, path)) {
                printf("DRIFT %s: the schema allows \"%s\", the loader refuses it: %s\n", path,
                       sl[k], err);
                bad++;
            }
            free(err);
            cJSON_Delete(doc);
        }
        /* and a value the loader names but the schema lacks is refused */
        for (int k = 0; k < nl; k++) {
            if (listed(sl, ns, ll[k]))
                continue;
            doc = cJSON_Duplicate(base, true);
            if (enums[i].setup)
                put(doc, "inputs.X", cJSON_Parse(enums[i].setup));
            put(doc, path, cJSON_CreateString(ll[k]));
            err = load(doc);
            if (!fails_at(err, path)) {
                printf("DRIFT %s: the loader accepts \"%s\", which the schema does not allow\n",
                       path, ll[k]);
                bad++;
            }
            free(err);
            cJSON_Delete(doc);
        }
        free_list(ll, nl > 0 ? nl : 0);
        free_list(sl, ns);
    }
    assert_int_equal(bad, 0);
}

/* Deletes each key of the object at path in turn.  When the schema then
 * rejects the spec (the key was required, perhaps only in this context,
 * like "handle" for a handle), the loader must refuse it too; when the
 * schema accepts it, the loader must not say the key is missing. */
static int probe_required(const char *where, const char *path, const char *setup_json)
{
    int bad = 0;
    cJSON *start = cJSON_Duplicate(base, true);
    if (setup_json)
        put(start, path, cJSON_Parse(setup_json));
    if (jschema_check(schema, schema, start, "", NULL) > 0) {
        printf("%s: the probe spec itself does not match the schema\n", where);
        cJSON_Delete(start);
        return 1;
    }
    const cJSON *k;
    cJSON_ArrayForEach(k, at(start, path))
    {
        cJSON *doc = cJSON_Duplicate(start, true);
        cJSON_DeleteItemFromObjectCaseSensitive(at(doc, path), k->string);
        strbuf why = {0};
        bool required = jschema_check(schema, schema, doc, "", &why) > 0;
        char *err = load(doc);
        char *missing = xasprintf("missing \"%s\"", k->string);
        char *needs = xasprintf("needs \"%s\"", k->string);
        char *needs_a = xasprintf("needs a \"%s\"", k->string);
        bool says_missing = strstr(err, missing) || strstr(err, needs) || strstr(err, needs_a);
        if (required && !*err) {
            printf("DRIFT %s: without \"%s\" the schema refuses the spec, the loader loads "
                   "it:\n%s", where, k->string, sb_str(&why));
            bad++;
        } else if (!required && says_missing) {
            printf("DRIFT %s: the loader requires \"%s\", the schema does not: %s\n", where,
                   k->string, err);
            bad++;
        }
        sb_free(&why);
        free(missing);
        free(needs);
        free(needs_a);
        free(err);
        cJSON_Delete(doc);
    }
    cJSON_Delete(start);
    return bad;
}

static void required_keys_should_match_the_schema(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++)
        bad += probe_required(objects[i].ptr, objects[i].path, NULL);
    /* each generator kind with exactly its required keys */
    const cJSON *b;
    cJSON_ArrayForEach(b, generator_branches())
    {
        cJSON *g = cJSON_CreateObject();
        const cJSON *r;
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(b, "required"))
        {
            const char *key = r->valuestring;
            if (strcmp(key, "gen") == 0)
                cJSON_AddStringToObject(g, "gen", branch_kind(b));
            else if (strcmp(key, "literal") == 0)
                cJSON_AddItemToObject(g, "literal", cJSON_Parse("[1]"));
            else if (strcmp(key, "from") == 0)
                cJSON_AddStringToObject(g, "from", "X");
            else
                cJSON_AddNumberToObject(g, key, 1);
        }
        if (strcmp(branch_kind(b), "program") == 0)    /* the one without parameters */
            cJSON_ReplaceItemInObject(g, "gen", cJSON_CreateString("probe_plain"));
        char *json = cJSON_PrintUnformatted(g);
        char *where = xasprintf("generator %s", branch_kind(b));
        bad += probe_required(where, "inputs.X", json);
        free(where);
        free(json);
        cJSON_Delete(g);
    }
    assert_int_equal(bad, 0);
}

/* Whether the loader refuses the value v at path (an error located there). */
static bool refuses(const char *path, double v)
{
    cJSON *doc = cJSON_Duplicate(base, true);
    put(doc, path, cJSON_CreateNumber(v));
    char *err = load(doc);
    bool r = fails_at(err, path);
    free(err);
    cJSON_Delete(doc);
    return r;
}

static void loader_ranges_should_match_the_schema(void **state)
{
    (void)state;
    int bad = 0, probed = 0;
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        const cJSON *def = jschema_resolve(schema, objects[i].ptr);
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(def, "properties"))
        {
            const cJSON *lo = cJSON_GetObjectItemCaseSensitive(p, "minimum");
            const cJSON *hi = cJSON_GetObjectItemCaseSensitive(p, "maximum");
            if (!lo && !hi)
                continue;
            char *path = xasprintf("%s%s%s", objects[i].path, *objects[i].path ? "." : "",
                                   p->string);
            probed++;
            for (int side = 0; side < 2; side++) {
                const cJSON *b = side ? hi : lo;
                if (!b)
                    continue;
                double edge = b->valuedouble;
                double out = edge + (side ? 1 : -1) * (fabs(edge) * 1e-6 + 1e-6);
                if (refuses(path, edge)) {
                    printf("DRIFT %s: the schema allows %g, the loader refuses it\n", path, edge);
                    bad++;
                }
                if (!refuses(path, out)) {
                    printf("DRIFT %s: the loader accepts %g, beyond the schema's %s %g\n", path,
                           out, side ? "maximum" : "minimum", edge);
                    bad++;
                }
            }
            free(path);
        }
    }
    printf("%d numeric ranges probed\n", probed);
    assert_true(probed > 10);
    assert_int_equal(bad, 0);
}

/* Collects the JSON pointers of closed objects and of enums in the schema. */
static void walk(const cJSON *node, const char *ptr, char ***closed, int *nc, char ***ens,
                 int *ne)
{
    if (cJSON_IsObject(node)) {
        if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(node, "additionalProperties"))) {
            *closed = xrealloc(*closed, sizeof(char *) * (size_t)(*nc + 1));
            (*closed)[(*nc)++] = xstrdup(ptr);
        }
        if (cJSON_GetObjectItemCaseSensitive(node, "enum")) {
            *ens = xrealloc(*ens, sizeof(char *) * (size_t)(*ne + 1));
            (*ens)[(*ne)++] = xstrdup(ptr);
        }
    }
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, node)
    {
        /* allOf holds if/then conditions that narrow values listed
         * elsewhere (a scalar's "dir" is "in"): nothing new to probe */
        if (c->string && strcmp(c->string, "allOf") == 0) {
            i++;
            continue;
        }
        char *cp = cJSON_IsArray(node) ? xasprintf("%s/%d", ptr, i) : xasprintf("%s/%s", ptr, c->string);
        walk(c, cp, closed, nc, ens, ne);
        free(cp);
        i++;
    }
}

static void every_schema_object_should_be_probed(void **state)
{
    (void)state;
    char **closed = NULL, **ens = NULL;
    int nc = 0, ne = 0, bad = 0;
    walk(schema, "#", &closed, &nc, &ens, &ne);
    for (int i = 0; i < nc; i++) {
        bool probed = strncmp(closed[i], "#/definitions/generator/oneOf/", 30) == 0;
        for (size_t k = 0; k < sizeof objects / sizeof objects[0]; k++)
            probed |= strcmp(objects[k].ptr, closed[i]) == 0;
        if (!probed) {
            printf("UNPROBED object %s: add it to objects[] in tests/test_schema.c\n",
                   closed[i]);
            bad++;
        }
    }
    for (int i = 0; i < ne; i++) {
        const cJSON *e = jschema_resolve(schema, ens[i]);
        bool probed = false;
        for (size_t k = 0; k < sizeof enums / sizeof enums[0]; k++)
            probed |= resolve_ptr(enums[k].ptr) == e;
        if (!probed) {
            printf("UNPROBED enum %s: add it to enums[] in tests/test_schema.c\n", ens[i]);
            bad++;
        }
    }
    printf("%d closed objects, %d enums in the schema\n", nc, ne);
    free_list(closed, nc);
    free_list(ens, ne);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_specs_should_match_the_schema),
        cmocka_unit_test(probe_spec_should_load),
        cmocka_unit_test(checker_should_reject_broken_specs),
        cmocka_unit_test(loader_keys_should_match_the_schema),
        cmocka_unit_test(loader_enums_should_match_the_schema),
        cmocka_unit_test(required_keys_should_match_the_schema),
        cmocka_unit_test(loader_ranges_should_match_the_schema),
        cmocka_unit_test(every_schema_object_should_be_probed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
