/* spec — see spec.h.  This file reads the top level of a spec and calls
 * the readers of its parts (spec_parse.h) in the order they depend on one
 * another: functions before calls, cases last, whole checks at the end. */

#include "spec/spec.h"

#include <stdlib.h>
#include <string.h>

#include "spec/spec_parse.h"

/* --- what the readers share ------------------------------------------------ */

int sp_array(ld *L, const cJSON *j, const char *path, bool non_empty, const char *what,
             size_t elem, item_parser parse, void **out, int *n)
{
    if (!cJSON_IsArray(j) || (non_empty && cJSON_GetArraySize(j) == 0))
        return FAIL(L, path, "expected a%s array of %s", non_empty ? " non-empty" : "n",
                    what);
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, elem);
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_idx(path, *n);
        int rc = parse(L, it, ip, *out, (*n)++);
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

int sp_named(ld *L, const cJSON *j, const char *path, const char *expected, size_t elem,
             item_parser parse, void **out, int *n)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected %s", expected);
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, elem);
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int rc = 0;
        if (!jr_is_ident(it->string)) {
            rc = FAIL(L, ip, "\"%s\" is not a valid variable name", it->string);
        } else {
            *(char **)((char *)*out + elem * (size_t)*n) = xstrdup(it->string);
            rc = parse(L, it, ip, *out, (*n)++);
        }
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

int sp_unique(ld *L, const char *path, const void *items, size_t elem, int i,
              const char *what)
{
    const char *base = items;
    const char *name = *(char *const *)(base + elem * (size_t)i);
    for (int k = 0; k < i; k++)
        if (strcmp(*(char *const *)(base + elem * (size_t)k), name) == 0)
            return FAIL(L, path, "a second %s \"%s\"", what, name);
    return 0;
}

/* --- the top level ----------------------------------------------------------- */

/* The keys, "format" and "id" (which must be the file's name). */
static int parse_identity(ld *L, const cJSON *root)
{
    static const char *const keys[] = {
        "$schema", "format", "id", "title", "difficulty", "minutes", "tags",
        "statement", "hints", "followups", "reference", "model", "examples", "functions",
        "generators", "calls", "defaults", "inputs", "checks", "cases", "convergence", "timing",
        "weights", "mistakes", "mutants", "limits", "pass", NULL};
    jreader *r = &L->r;
    challenge *c = L->c;
    if (!cJSON_IsObject(root))
        return FAIL(L, "", "expected a JSON object");
    if (jr_keys(r, root, "", keys))
        return -1;
    /* "$schema" only points editors at challenges/schema.json */
    char *schema = NULL;
    if (jr_str(r, root, "", "$schema", false, &schema))
        return -1;
    free(schema);
    double format = 1;
    if (jr_num(r, root, "", "format", 1, 1, &format) ||
        jr_ident(r, root, "", "id", true, &c->id))
        return -1;
    char *stem = path_stem(c->spec_path);
    int rc = strcmp(stem, c->id) != 0
                 ? FAIL(L, "id", "the id \"%s\" differs from the file name "
                                 "\"%s.json\" (they must match)", c->id, stem)
                 : 0;
    free(stem);
    return rc;
}

/* "difficulty": easy, medium or hard. */
static int parse_difficulty(ld *L, const cJSON *root)
{
    char *diff = NULL;
    if (jr_str(&L->r, root, "", "difficulty", true, &diff))
        return -1;
    int rc = 0;
    if (strcmp(diff, "easy") == 0)
        L->c->diff = DIFF_EASY;
    else if (strcmp(diff, "medium") == 0)
        L->c->diff = DIFF_MEDIUM;
    else if (strcmp(diff, "hard") == 0)
        L->c->diff = DIFF_HARD;
    else
        rc = FAIL(L, "difficulty", "expected \"easy\", \"medium\" or \"hard\"");
    free(diff);
    return rc;
}

/* What a learner reads (title, time, texts), the files, limits and pass. */
static int parse_about(ld *L, const cJSON *root)
{
    jreader *r = &L->r;
    challenge *c = L->c;
    double minutes = 0;
    if (jr_str(r, root, "", "title", true, &c->title) || parse_difficulty(L, root))
        return -1;
    if (!jr_item(root, "minutes"))
        return FAIL(L, "", "missing \"minutes\" (the time limit)");
    if (jr_num(r, root, "", "minutes", 1, 240, &minutes))
        return -1;
    c->minutes = (int)minutes;
    if (jr_strs(r, root, "", "tags", &c->tags, &c->ntags) ||
        jr_text(r, root, "", "statement", true, &c->statement) ||
        jr_strs(r, root, "", "hints", &c->hints, &c->nhints) ||
        jr_strs(r, root, "", "followups", &c->followups, &c->nfollowups) ||
        jr_file(r, root, "", "reference", true, false, &c->reference) ||
        jr_file(r, root, "", "model", false, false, &c->model) ||
        jr_file(r, root, "", "examples", false, true, &c->examples) ||
        (jr_item(root, "limits") && sp_limits(L, jr_item(root, "limits"), "limits")) ||
        (jr_item(root, "pass") && sp_pass(L, jr_item(root, "pass"), "pass")))
        return -1;
    return 0;
}

/* "calls"; without it, every function once, in order. */
static int parse_default_calls(ld *L, const cJSON *root)
{
    challenge *c = L->c;
    if (jr_item(root, "calls"))
        return sp_calls(L, jr_item(root, "calls"), "calls", &c->calls, &c->ncalls);
    c->calls = xcalloc((size_t)c->nfunctions, sizeof(call));
    for (int i = 0; i < c->nfunctions; i++) {
        c->calls[i].fn = i;
        c->calls[i].result = xstrdup(c->functions[i].ret_name);
    }
    c->ncalls = c->nfunctions;
    return 0;
}

/* What every case shares (defaults, inputs, checks) and the sections. */
static int parse_shared(ld *L, const cJSON *root)
{
    challenge *c = L->c;
    const cJSON *j;
    if (((j = jr_item(root, "defaults")) &&
         sp_vars(L, j, "defaults", &c->defaults, &c->ndefaults)) ||
        ((j = jr_item(root, "inputs")) && sp_inputs(L, j, "inputs", &c->inputs, &c->ninputs)) ||
        ((j = jr_item(root, "checks")) && sp_checks(L, j, "checks", &c->checks, &c->nchecks)) ||
        ((j = jr_item(root, "convergence")) && sp_convergence(L, j, "convergence")) ||
        ((j = jr_item(root, "timing")) && sp_timing(L, j, "timing")) ||
        ((j = jr_item(root, "mistakes")) && sp_mistakes(L, j, "mistakes")) ||
        ((j = jr_item(root, "mutants")) && sp_mutants(L, j, "mutants")))
        return -1;
    return 0;
}

challenge *spec_parse(const jdoc *d, md_err *err)
{
    challenge *c = xcalloc(1, sizeof *c);
    c->spec_path = path_absolute(d->file);
    c->wall_s = 2.0;
    c->memory_mb = 512;
    c->pass_score = 70;
    ld L = {{d, err}, c, {NULL, 0}};
    const cJSON *root = d->root;
    int rc = parse_identity(&L, root) || parse_about(&L, root) ||
             sp_functions(&L, jr_item(root, "functions"), "functions") ||
             (jr_item(root, "generators") &&
              sp_generators(&L, jr_item(root, "generators"), "generators")) ||
             parse_default_calls(&L, root) || parse_shared(&L, root) ||
             sp_cases(&L, jr_item(root, "cases"), "cases") || sp_whole(&L, root);
    sp_generators_done(&L);
    if (rc) {
        spec_free(c);
        return NULL;
    }
    return c;
}
