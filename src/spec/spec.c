/* spec — see spec.h.  The loader is strict: every key is known, every
 * value has the type the format says, and every error names the file,
 * line, column and JSON path.  Cross-references (bindings, shapes, input
 * names) are checked afterwards, by challenge_load resolving every case. */

#include "spec/spec.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"
#include "spec/jsondoc.h"

/* --- small readers ------------------------------------------------------- */

typedef struct ld {
    const jdoc *d;
    md_err *err;
    challenge *c;
} ld;

#define FAIL(L, path, ...) jdoc_fail((L)->d, (L)->err, (path), __VA_ARGS__)

/* Every key of obj must be in the NULL-terminated list. */
static int known_keys(ld *L, const cJSON *obj, const char *path,
                      const char *const *keys)
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
            FAIL(L, p, "unknown key \"%s\" (expected one of: %s)", it->string,
                 sb_str(&list));
            free(p);
            sb_free(&list);
            return -1;
        }
    }
    return 0;
}

static const cJSON *item(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static bool is_ident(const char *s)
{
    if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

/* Reads obj[key] as a string into *out (malloc'd).  Missing: error when
 * required, else *out stays NULL. */
static int get_str(ld *L, const cJSON *obj, const char *path, const char *key,
                   bool required, char **out)
{
    const cJSON *j = item(obj, key);
    char *p = jpath_key(path, key);
    int rc = 0;
    if (!j) {
        if (required)
            rc = FAIL(L, path, "missing \"%s\"", key);
    } else if (!cJSON_IsString(j)) {
        rc = FAIL(L, p, "expected a string");
    } else {
        *out = xstrdup(j->valuestring);
    }
    free(p);
    return rc;
}

static int get_ident(ld *L, const cJSON *obj, const char *path, const char *key,
                     bool required, char **out)
{
    if (get_str(L, obj, path, key, required, out) != 0)
        return -1;
    if (*out && !is_ident(*out)) {
        char *p = jpath_key(path, key);
        FAIL(L, p, "\"%s\" is not a C identifier (letters, digits, _)", *out);
        free(p);
        return -1;
    }
    return 0;
}

static int get_num(ld *L, const cJSON *obj, const char *path, const char *key,
                   double lo, double hi, double *out)
{
    const cJSON *j = item(obj, key);
    if (!j)
        return 0;
    char *p = jpath_key(path, key);
    int rc = 0;
    if (!cJSON_IsNumber(j))
        rc = FAIL(L, p, "expected a number");
    else if (j->valuedouble < lo || j->valuedouble > hi)
        rc = FAIL(L, p, "%g is out of range (expected %g to %g)",
                  j->valuedouble, lo, hi);
    else
        *out = j->valuedouble;
    free(p);
    return rc;
}

static int get_bool(ld *L, const cJSON *obj, const char *path, const char *key,
                    bool *out)
{
    const cJSON *j = item(obj, key);
    if (!j)
        return 0;
    if (!cJSON_IsBool(j)) {
        char *p = jpath_key(path, key);
        FAIL(L, p, "expected true or false");
        free(p);
        return -1;
    }
    *out = cJSON_IsTrue(j);
    return 0;
}

/* A string, or an array of strings joined with newlines (long texts). */
static int get_text(ld *L, const cJSON *obj, const char *path, const char *key,
                    bool required, char **out)
{
    const cJSON *j = item(obj, key);
    if (!j || cJSON_IsString(j))
        return get_str(L, obj, path, key, required, out);
    char *p = jpath_key(path, key);
    if (!cJSON_IsArray(j)) {
        FAIL(L, p, "expected a string or an array of lines");
        free(p);
        return -1;
    }
    strbuf sb = {0};
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, j)
    {
        if (!cJSON_IsString(it)) {
            char *ip = jpath_idx(p, i);
            FAIL(L, ip, "expected a string (one line of text)");
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

static int get_str_list(ld *L, const cJSON *obj, const char *path,
                        const char *key, char ***out, int *n)
{
    const cJSON *j = item(obj, key);
    *out = NULL;
    *n = 0;
    if (!j)
        return 0;
    char *p = jpath_key(path, key);
    if (!cJSON_IsArray(j)) {
        FAIL(L, p, "expected an array of strings");
        free(p);
        return -1;
    }
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(char *));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (!cJSON_IsString(it)) {
            char *ip = jpath_idx(p, *n);
            FAIL(L, ip, "expected a string");
            free(ip);
            free(p);
            return -1;
        }
        (*out)[(*n)++] = xstrdup(it->valuestring);
    }
    free(p);
    return 0;
}


/* A path relative to the spec's directory, which must name a file. */
static int get_file(ld *L, const cJSON *obj, const char *path, const char *key,
                    bool required, bool want_dir, char **out)
{
    char *rel = NULL;
    if (get_str(L, obj, path, key, required, &rel) != 0)
        return -1;
    if (!rel)
        return 0;
    char *dir = path_dirname(L->c->spec_path);
    char *full = path_join(dir, rel);
    free(dir);
    int rc = 0;
    if (want_dir ? !dir_exists(full) : !file_exists(full)) {
        char *p = jpath_key(path, key);
        rc = FAIL(L, p, "%s \"%s\" not found (looked for %s; paths are "
                        "relative to the spec's directory)",
                  want_dir ? "directory" : "file", rel, full);
        free(p);
        free(full);
    } else {
        *out = path_absolute(full);
        free(full);
    }
    free(rel);
    return rc;
}

/* --- functions ------------------------------------------------------------ */

static int parse_type(ld *L, const char *path, const char *t, vtype *type,
                      bool *array, bool allow_void)
{
    static const struct {
        const char *name;
        vtype type;
        bool array;
    } types[] = {
        {"void", VT_VOID, false},     {"int", VT_INT, false},
        {"double", VT_DOUBLE, false}, {"string", VT_STRING, false},
        {"handle", VT_HANDLE, false}, {"int[]", VT_INT, true},
        {"double[]", VT_DOUBLE, true}, {"string[]", VT_STRING, true},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (strcmp(t, types[i].name) == 0 && (allow_void || types[i].type != VT_VOID)) {
            *type = types[i].type;
            *array = types[i].array;
            return 0;
        }
    }
    return FAIL(L, path, "unknown type \"%s\" (expected %sint, double, string, "
                         "handle, int[], double[] or string[])",
                t, allow_void ? "void, " : "");
}

static int parse_param(ld *L, const cJSON *j, const char *path, param *p)
{
    static const char *const keys[] = {"name", "type", "dir", "shape", "handle", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a parameter object {\"name\", \"type\", ...}");
    if (known_keys(L, j, path, keys))
        return -1;
    char *t = NULL, *dir = NULL;
    int rc = -1;
    if (get_ident(L, j, path, "name", true, &p->name) ||
        get_str(L, j, path, "type", true, &t))
        goto out;
    char *tp = jpath_key(path, "type");
    rc = parse_type(L, tp, t, &p->type, &p->array, false);
    free(tp);
    if (rc)
        goto out;
    rc = -1;
    if (get_str(L, j, path, "dir", false, &dir))
        goto out;
    p->dir = DIR_IN;
    if (dir) {
        char *dp = jpath_key(path, "dir");
        if (strcmp(dir, "in") == 0)
            p->dir = DIR_IN;
        else if (strcmp(dir, "out") == 0)
            p->dir = DIR_OUT;
        else if (strcmp(dir, "inout") == 0)
            p->dir = DIR_INOUT;
        else {
            FAIL(L, dp, "expected \"in\", \"out\" or \"inout\"");
            free(dp);
            goto out;
        }
        if (!p->array && p->type != VT_HANDLE && p->dir != DIR_IN) {
            FAIL(L, dp, "a scalar %s is passed by value, so it can only be "
                        "\"in\" (use type \"%s[]\" with shape [] for an output "
                        "scalar)", vtype_name(p->type), vtype_name(p->type));
            free(dp);
            goto out;
        }
        if (p->type == VT_HANDLE && p->dir == DIR_OUT) {
            FAIL(L, dp, "a handle is created by a function's return value, so "
                        "a handle parameter is \"in\" (const) or \"inout\"");
            free(dp);
            goto out;
        }
        free(dp);
    }
    if (p->type == VT_HANDLE) {
        if (get_ident(L, j, path, "handle", true, &p->handle))
            goto out;
    } else if (item(j, "handle")) {
        char *hp = jpath_key(path, "handle");
        FAIL(L, hp, "only parameters of type \"handle\" name a handle type");
        free(hp);
        goto out;
    }
    const cJSON *shape = item(j, "shape");
    char *sp = jpath_key(path, "shape");
    if (p->array && !shape) {
        FAIL(L, path, "array parameter \"%s\" needs a \"shape\" (e.g. [\"n\", "
                      "\"d\"]; [] for one element)", p->name);
        free(sp);
        goto out;
    }
    if (!p->array && shape) {
        FAIL(L, sp, "only array parameters have a shape");
        free(sp);
        goto out;
    }
    if (shape) {
        if (!cJSON_IsArray(shape) || cJSON_GetArraySize(shape) > VALUE_MAXDIM) {
            FAIL(L, sp, "expected an array of at most %d size expressions",
                 VALUE_MAXDIM);
            free(sp);
            goto out;
        }
        p->shape = xcalloc((size_t)cJSON_GetArraySize(shape) + 1, sizeof(expr *));
        const cJSON *it;
        cJSON_ArrayForEach(it, shape)
        {
            char *ip = jpath_idx(sp, p->ndim);
            p->shape[p->ndim] = jdoc_expr(L->d, it, ip, L->err);
            free(ip);
            if (!p->shape[p->ndim]) {
                free(sp);
                goto out;
            }
            p->ndim++;
        }
    }
    free(sp);
    rc = 0;
out:
    free(t);
    free(dir);
    return rc;
}

static int parse_returns(ld *L, const cJSON *j, const char *path, function *f)
{
    if (!j) {
        f->ret = VT_VOID;
        return 0;
    }
    bool array = false;
    if (cJSON_IsString(j)) {
        if (parse_type(L, path, j->valuestring, &f->ret, &array, true))
            return -1;
        /* a handle needs its type's name, so it takes the object form */
        if (array || f->ret == VT_STRING || f->ret == VT_HANDLE)
            return FAIL(L, path, "a function returns \"void\", \"int\" or \"double\", "
                                 "or a handle written {\"type\": \"handle\", "
                                 "\"handle\": NAME}");
        return 0;
    }
    static const char *const keys[] = {"type", "handle", "name", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a type (\"int\") or {\"type\", "
                             "\"handle\", \"name\"}");
    if (known_keys(L, j, path, keys))
        return -1;
    char *t = NULL;
    if (get_str(L, j, path, "type", true, &t))
        return -1;
    char *tp = jpath_key(path, "type");
    int rc = parse_type(L, tp, t, &f->ret, &array, true);
    if (!rc && (array || f->ret == VT_STRING))
        rc = FAIL(L, tp, "a function returns void, int, double or a handle");
    free(tp);
    free(t);
    if (rc || get_ident(L, j, path, "name", false, &f->ret_name))
        return -1;
    if (f->ret == VT_HANDLE)
        return get_ident(L, j, path, "handle", true, &f->ret_handle);
    if (item(j, "handle")) {
        char *hp = jpath_key(path, "handle");
        FAIL(L, hp, "only a \"handle\" return names a handle type");
        free(hp);
        return -1;
    }
    return 0;
}

static int parse_function(ld *L, const cJSON *j, const char *path, function *f)
{
    static const char *const keys[] = {"name", "returns", "params", "doc", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a function object {\"name\", "
                             "\"returns\", \"params\"}");
    if (known_keys(L, j, path, keys) || get_ident(L, j, path, "name", true, &f->name) ||
        get_str(L, j, path, "doc", false, &f->doc))
        return -1;
    char *rp = jpath_key(path, "returns");
    int rc = parse_returns(L, item(j, "returns"), rp, f);
    free(rp);
    if (rc)
        return -1;
    const cJSON *params = item(j, "params");
    char *pp = jpath_key(path, "params");
    if (!params || !cJSON_IsArray(params)) {
        rc = FAIL(L, params ? pp : path, "%s", params ? "expected an array of parameters"
                                                       : "missing \"params\"");
        free(pp);
        return rc;
    }
    f->params = xcalloc((size_t)cJSON_GetArraySize(params) + 1, sizeof(param));
    const cJSON *it;
    cJSON_ArrayForEach(it, params)
    {
        char *ip = jpath_idx(pp, f->nparams);
        rc = parse_param(L, it, ip, &f->params[f->nparams]);
        f->nparams++;
        if (!rc)
            for (int k = 0; k < f->nparams - 1; k++)
                if (strcmp(f->params[k].name, f->params[f->nparams - 1].name) == 0) {
                    rc = FAIL(L, ip, "a second parameter named \"%s\"",
                              f->params[k].name);
                    break;
                }
        free(ip);
        if (rc)
            break;
    }
    free(pp);
    return rc;
}

/* --- calls, checks, vars, inputs ------------------------------------------ */

static int parse_call(ld *L, const cJSON *j, const char *path, call *cl)
{
    static const char *const keys[] = {"fn", "bind", "result", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"fn\": name, \"bind\": {...}, "
                             "\"result\": var}");
    char *fn = NULL;
    if (known_keys(L, j, path, keys) || get_str(L, j, path, "fn", true, &fn))
        return -1;
    cl->fn = spec_function(L->c, fn);
    if (cl->fn < 0) {
        char *p = jpath_key(path, "fn");
        FAIL(L, p, "no function named \"%s\" in \"functions\"", fn);
        free(p);
        free(fn);
        return -1;
    }
    free(fn);
    const function *f = &L->c->functions[cl->fn];
    if (get_ident(L, j, path, "result", false, &cl->result))
        return -1;
    if (!cl->result && f->ret_name)
        cl->result = xstrdup(f->ret_name);
    if (cl->result && f->ret == VT_VOID) {
        char *p = jpath_key(path, "result");
        FAIL(L, p, "%s returns void, so it has no result", f->name);
        free(p);
        return -1;
    }
    const cJSON *bind = item(j, "bind");
    if (!bind)
        return 0;
    char *bp = jpath_key(path, "bind");
    if (!cJSON_IsObject(bind)) {
        FAIL(L, bp, "expected {\"parameter\": \"variable\", ...}");
        free(bp);
        return -1;
    }
    cl->bind = xcalloc((size_t)cJSON_GetArraySize(bind) + 1, sizeof(binding));
    const cJSON *it;
    cJSON_ArrayForEach(it, bind)
    {
        char *ip = jpath_key(bp, it->string);
        int found = 0;
        for (int k = 0; k < f->nparams; k++)
            found |= strcmp(f->params[k].name, it->string) == 0;
        int rc = 0;
        if (!found)
            rc = FAIL(L, ip, "%s has no parameter \"%s\"", f->name, it->string);
        else if (!cJSON_IsString(it) || !is_ident(it->valuestring))
            rc = FAIL(L, ip, "expected the name of a case variable");
        free(ip);
        if (rc) {
            free(bp);
            return -1;
        }
        cl->bind[cl->nbind].param = xstrdup(it->string);
        cl->bind[cl->nbind].var = xstrdup(it->valuestring);
        cl->nbind++;
    }
    free(bp);
    return 0;
}

/* Parses an array of objects into a fresh array of elem-sized items with
 * one parser per item; *n counts the items parsed (including a failed
 * one, so the caller's free sees it). */
typedef int (*item_parser)(ld *L, const cJSON *it, const char *path, void *item);

static int parse_array(ld *L, const cJSON *j, const char *path, bool non_empty,
                       const char *what, size_t elem, item_parser parse, void **out, int *n)
{
    if (!cJSON_IsArray(j) || (non_empty && cJSON_GetArraySize(j) == 0))
        return FAIL(L, path, "expected a%s array of %s", non_empty ? " non-empty" : "n",
                    what);
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, elem);
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_idx(path, *n);
        int rc = parse(L, it, ip, (char *)*out + elem * (size_t)*n);
        (*n)++;
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

static int parse_call_item(ld *L, const cJSON *it, const char *path, void *item)
{
    return parse_call(L, it, path, item);
}

static int parse_calls(ld *L, const cJSON *j, const char *path, call **out, int *n)
{
    return parse_array(L, j, path, true, "calls", sizeof(call), parse_call_item,
                       (void **)out, n);
}

static int parse_check(ld *L, const cJSON *j, const char *path, check *ck)
{
    static const char *const keys[] = {"output", "compare", "rtol", "atol",
                                       "count", "points", "centroids", "loss",
                                       "weights", "labels", "other", "step",
                                       "samples", "mistake", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"output\": var, \"compare\": kind, ...}");
    char *kind = NULL;
    ck->path = xstrdup(path);
    ck->rtol = 1e-6;
    ck->atol = 1e-9;
    ck->step = 1e-5;
    ck->samples = 20;
    if (known_keys(L, j, path, keys) || get_ident(L, j, path, "output", true, &ck->output) ||
        get_str(L, j, path, "compare", false, &kind))
        return -1;
    ck->kind = CMP_ALLCLOSE;
    if (kind) {
        int k;
        for (k = 0; k < CMP_KIND_COUNT; k++)
            if (strcmp(kind, cmp_name((cmp_kind)k)) == 0)
                break;
        char *kp = jpath_key(path, "compare");
        free(kind);
        if (k == CMP_KIND_COUNT) {
            strbuf list = {0};
            for (int q = 0; q < CMP_KIND_COUNT; q++)
                sb_printf(&list, "%s%s", q ? ", " : "", cmp_name((cmp_kind)q));
            FAIL(L, kp, "unknown comparator (expected one of: %s)", sb_str(&list));
            sb_free(&list);
            free(kp);
            return -1;
        }
        free(kp);
        ck->kind = (cmp_kind)k;
    }
    double samples = ck->samples;
    if (get_num(L, j, path, "rtol", 0, 1, &ck->rtol) ||
        get_num(L, j, path, "atol", 0, 1e300, &ck->atol) ||
        get_num(L, j, path, "step", 1e-12, 1, &ck->step) ||
        get_num(L, j, path, "samples", 1, 100000, &samples) ||
        get_ident(L, j, path, "points", false, &ck->points) ||
        get_ident(L, j, path, "centroids", false, &ck->centroids) ||
        get_ident(L, j, path, "loss", false, &ck->loss) ||
        get_ident(L, j, path, "weights", false, &ck->weights) ||
        get_ident(L, j, path, "labels", false, &ck->labels) ||
        get_ident(L, j, path, "other", false, &ck->other) ||
        get_str(L, j, path, "mistake", false, &ck->mistake))
        return -1;
    ck->samples = (int)samples;
    const cJSON *count = item(j, "count");
    if (count) {
        char *cp = jpath_key(path, "count");
        ck->count = jdoc_expr(L->d, count, cp, L->err);
        free(cp);
        if (!ck->count)
            return -1;
    }
    /* what each comparator needs */
    const char *need = NULL;
    if (ck->kind == CMP_NEAREST && (!ck->points || !ck->centroids))
        need = "\"points\" (the data) and \"centroids\"";
    else if (ck->kind == CMP_GRADCHECK && (!ck->points || !ck->loss))
        need = "\"points\" (the input differentiated) and \"loss\" (the scalar output)";
    else if (ck->kind == CMP_PARTITION && (!ck->labels || !ck->other))
        need = "\"labels\" (class of each index) and \"other\" (the complementary set)";
    if (need)
        return FAIL(L, path, "comparator \"%s\" needs %s", cmp_name(ck->kind), need);
    if (ck->weights && ck->kind != CMP_GRADCHECK) {
        char *wp = jpath_key(path, "weights");
        FAIL(L, wp, "\"weights\" applies to the gradcheck comparator only");
        free(wp);
        return -1;
    }
    return 0;
}

static int parse_check_item(ld *L, const cJSON *it, const char *path, void *item)
{
    return parse_check(L, it, path, item);
}

static int parse_checks(ld *L, const cJSON *j, const char *path, check **out, int *n)
{
    return parse_array(L, j, path, false, "checks", sizeof(check), parse_check_item,
                       (void **)out, n);
}

static int parse_vars(ld *L, const cJSON *j, const char *path, var_def **out, int *n)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"name\": number or expression, ...}");
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(var_def));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int rc = 0;
        if (!is_ident(it->string))
            rc = FAIL(L, ip, "\"%s\" is not a valid variable name", it->string);
        var_def *v = &(*out)[*n];
        if (!rc) {
            v->name = xstrdup(it->string);
            (*n)++;
            v->value = jdoc_expr(L->d, it, ip, L->err);
            rc = v->value ? 0 : -1;
        }
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

static int parse_inputs(ld *L, const cJSON *j, const char *path, input_def **out,
                        int *n)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"name\": generator, ...}");
    *out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(input_def));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int rc = 0;
        if (!is_ident(it->string))
            rc = FAIL(L, ip, "\"%s\" is not a valid variable name", it->string);
        if (!rc) {
            input_def *in = &(*out)[*n];
            in->name = xstrdup(it->string);
            (*n)++;
            in->gen = gen_parse(L->d, it, ip, L->err);
            rc = in->gen ? 0 : -1;
        }
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

/* The parts a case and the timing section share. */
static int parse_case_body(ld *L, const cJSON *j, const char *path, case_spec *cs)
{
    const cJSON *v;
    char *p;
    int rc = 0;
    if ((v = item(j, "vars"))) {
        p = jpath_key(path, "vars");
        rc = parse_vars(L, v, p, &cs->vars, &cs->nvars);
        free(p);
    }
    if (!rc && (v = item(j, "inputs"))) {
        p = jpath_key(path, "inputs");
        rc = parse_inputs(L, v, p, &cs->inputs, &cs->ninputs);
        free(p);
    }
    if (!rc && (v = item(j, "calls"))) {
        p = jpath_key(path, "calls");
        rc = parse_calls(L, v, p, &cs->calls, &cs->ncalls);
        free(p);
    }
    if (!rc && (v = item(j, "checks"))) {
        p = jpath_key(path, "checks");
        rc = parse_checks(L, v, p, &cs->checks, &cs->nchecks);
        free(p);
    }
    return rc;
}

static int parse_case(ld *L, const cJSON *j, const char *path, case_spec *cs)
{
    static const char *const keys[] = {"name", "criterion", "visible", "seed",
                                       "note", "vars", "inputs", "calls",
                                       "checks", "wall_s", NULL};
    cs->path = xstrdup(path);
    cs->crit = CRIT_CORRECTNESS;
    cs->wall_s = L->c->wall_s;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a case object {\"name\", \"vars\", "
                             "\"inputs\", ...}");
    char *crit = NULL;
    if (known_keys(L, j, path, keys) || get_str(L, j, path, "name", true, &cs->name) ||
        get_str(L, j, path, "criterion", false, &crit) ||
        get_bool(L, j, path, "visible", &cs->visible) ||
        get_text(L, j, path, "note", false, &cs->note) ||
        get_num(L, j, path, "wall_s", 0.01, 600, &cs->wall_s)) {
        free(crit);
        return -1;
    }
    if (crit) {
        int k = criterion_from_name(crit);
        free(crit);
        char *cp = jpath_key(path, "criterion");
        int rc = 0;
        if (k != CRIT_CORRECTNESS && k != CRIT_STABILITY && k != CRIT_ORGANIZATION)
            rc = FAIL(L, cp, "expected \"correctness\", \"stability\" or "
                             "\"organization\" (vectorization and convergence "
                             "have their own sections)");
        free(cp);
        if (rc)
            return -1;
        cs->crit = (criterion)k;
    }
    double seed = -1;
    if (get_num(L, j, path, "seed", 0, 9007199254740991.0, &seed))
        return -1;
    if (seed >= 0) {
        cs->has_seed = true;
        cs->seed = (uint64_t)seed;
    }
    return parse_case_body(L, j, path, cs);
}

/* --- sections --------------------------------------------------------------- */

static int parse_convergence(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"loss", "count", "max_iter", "tol",
                                       "monotone", "slack", "final_rtol", NULL};
    conv_spec *cv = &L->c->conv;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"loss\": output, \"count\": expr, ...}");
    cv->enabled = true;
    cv->monotone = true;
    cv->slack = 1e-9;
    cv->final_rtol = 1e-4;
    if (known_keys(L, j, path, keys) || get_ident(L, j, path, "loss", true, &cv->loss) ||
        get_ident(L, j, path, "max_iter", true, &cv->max_iter) ||
        get_ident(L, j, path, "tol", false, &cv->tol) ||
        get_bool(L, j, path, "monotone", &cv->monotone) ||
        get_num(L, j, path, "slack", 0, 1, &cv->slack) ||
        get_num(L, j, path, "final_rtol", 0, 1, &cv->final_rtol))
        return -1;
    const cJSON *count = item(j, "count");
    if (!count)
        return FAIL(L, path, "missing \"count\" (how many losses were written, "
                             "e.g. the result variable \"iters\")");
    char *cp = jpath_key(path, "count");
    cv->count = jdoc_expr(L->d, count, cp, L->err);
    free(cp);
    return cv->count ? 0 : -1;
}

static int parse_timing(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"vars", "inputs", "calls", "grow", "scales",
                                       "full_ratio", "zero_ratio", "exponent",
                                       "exponent_slack", "budget_s", "advice", NULL};
    timing_spec *t = &L->c->timing;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"vars\", \"grow\", \"scales\", "
                             "\"full_ratio\", \"zero_ratio\", ...}");
    t->enabled = true;
    t->full_ratio = 2;
    t->zero_ratio = 20;
    t->exponent = 1;
    t->exponent_slack = 0.35;
    t->budget_s = 0.6;
    t->base.path = xstrdup(path);
    t->base.name = xstrdup("timing");
    t->base.crit = CRIT_VECTORIZATION;
    t->base.wall_s = 10;
    if (known_keys(L, j, path, keys) || parse_case_body(L, j, path, &t->base) ||
        get_ident(L, j, path, "grow", false, &t->grow) ||
        get_num(L, j, path, "full_ratio", 0.01, 1e6, &t->full_ratio) ||
        get_num(L, j, path, "zero_ratio", 0.01, 1e6, &t->zero_ratio) ||
        get_num(L, j, path, "exponent", 0, 10, &t->exponent) ||
        get_num(L, j, path, "exponent_slack", 0, 10, &t->exponent_slack) ||
        get_num(L, j, path, "budget_s", 0.05, 60, &t->budget_s) ||
        get_str(L, j, path, "advice", false, &t->advice))
        return -1;
    if (t->zero_ratio <= t->full_ratio)
        return FAIL(L, path, "zero_ratio (%g) must be above full_ratio (%g)",
                    t->zero_ratio, t->full_ratio);
    const cJSON *sc = item(j, "scales");
    char *sp = jpath_key(path, "scales");
    int rc = 0;
    if (sc) {
        if (!cJSON_IsArray(sc) || cJSON_GetArraySize(sc) < 1 || cJSON_GetArraySize(sc) > 8) {
            rc = FAIL(L, sp, "expected 1 to 8 ascending size multipliers, e.g. "
                             "[0.25, 0.5, 1]");
        } else {
            t->scales = xcalloc((size_t)cJSON_GetArraySize(sc), sizeof(double));
            const cJSON *it;
            cJSON_ArrayForEach(it, sc)
            {
                if (!cJSON_IsNumber(it) || it->valuedouble <= 0 ||
                    (t->nscales && it->valuedouble <= t->scales[t->nscales - 1])) {
                    char *ip = jpath_idx(sp, t->nscales);
                    rc = FAIL(L, ip, "expected a positive multiplier larger than "
                                     "the previous one");
                    free(ip);
                    break;
                }
                t->scales[t->nscales++] = it->valuedouble;
            }
        }
    } else {
        t->scales = xcalloc(1, sizeof(double));
        t->scales[t->nscales++] = 1;
    }
    if (!rc && t->nscales > 1 && !t->grow)
        rc = FAIL(L, path, "several \"scales\" need \"grow\" (the size variable "
                           "they multiply)");
    free(sp);
    return rc;
}

static int parse_weights(ld *L, const cJSON *j, const char *path)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"correctness\": 40, ...}");
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int k = criterion_from_name(it->string);
        int rc = 0;
        if (k < 0)
            rc = FAIL(L, ip, "unknown criterion (expected correctness, stability, "
                             "vectorization, convergence, organization)");
        else if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 100)
            rc = FAIL(L, ip, "expected a weight from 0 to 100");
        else
            L->c->weights[k] = it->valuedouble;
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

/* The mistakes the model answer marks with MISTAKE(id): each must be
 * declared, and a declared mistake with no source of its own is a site. */
static int mark_sites(ld *L)
{
    challenge *c = L->c;
    if (!c->model)
        return 0;
    char *text = file_read(c->model, NULL, L->err);
    if (!text)
        return FAIL(L, "model", "%s", L->err->msg);
    int rc = 0;
    for (const char *p = strstr(text, "MISTAKE("); p && !rc; p = strstr(p + 1, "MISTAKE(")) {
        const char *id = p + 8;
        size_t n = 0;
        while (isalnum((unsigned char)id[n]) || id[n] == '_')
            n++;
        if (n == 0 || id[n] != ')' || (p > text && (isalnum((unsigned char)p[-1]) ||
                                                   p[-1] == '_')))
            continue;
        int m = 0;
        while (m < c->nmistakes && !(strlen(c->mistakes[m].id) == n &&
                                     strncmp(c->mistakes[m].id, id, n) == 0))
            m++;
        if (m == c->nmistakes)
            rc = FAIL(L, "model", "the model answer marks MISTAKE(%.*s), which "
                                  "\"mistakes\" does not declare", (int)n, id);
        else if (!c->mistakes[m].source)
            c->mistakes[m].site = true;
    }
    free(text);
    return rc;
}

static int parse_mistakes(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"id", "source", "message", NULL};
    challenge *c = L->c;
    if (!cJSON_IsArray(j))
        return FAIL(L, path, "expected an array of {\"id\", \"source\", \"message\"}");
    c->mistakes = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(mistake_spec));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_idx(path, c->nmistakes);
        mistake_spec *m = &c->mistakes[c->nmistakes++];
        int rc = !cJSON_IsObject(it)
                     ? FAIL(L, ip, "expected {\"id\", \"source\", \"message\"}")
                     : 0;
        if (!rc)
            rc = known_keys(L, it, ip, keys) || get_ident(L, it, ip, "id", true, &m->id) ||
                 get_file(L, it, ip, "source", false, false, &m->source) ||
                 get_str(L, it, ip, "message", true, &m->message);
        for (int k = 0; !rc && k < c->nmistakes - 1; k++)
            if (strcmp(c->mistakes[k].id, m->id) == 0)
                rc = FAIL(L, ip, "a second mistake with id \"%s\"", m->id);
        free(ip);
        if (rc)
            return -1;
    }
    return mark_sites(L);
}

static int parse_limits(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"wall_s", "memory_mb", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"wall_s\": seconds, \"memory_mb\": n}");
    double mem = L->c->memory_mb;
    if (known_keys(L, j, path, keys) || get_num(L, j, path, "wall_s", 0.01, 600, &L->c->wall_s) ||
        get_num(L, j, path, "memory_mb", 64, 65536, &mem))
        return -1;
    L->c->memory_mb = (int)mem;
    return 0;
}

static int parse_pass(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"score", "require", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"score\": n, \"require\": [criteria]}");
    if (known_keys(L, j, path, keys) || get_num(L, j, path, "score", 0, 100, &L->c->pass_score))
        return -1;
    char **req = NULL;
    int n = 0;
    if (get_str_list(L, j, path, "require", &req, &n))
        return -1;
    if (req)
        L->c->pass_require = 0;
    int rc = 0;
    for (int i = 0; i < n; i++) {
        int k = criterion_from_name(req[i]);
        if (k < 0 && !rc) {
            char *rp = jpath_key(path, "require");
            char *ip = jpath_idx(rp, i);
            rc = FAIL(L, ip, "unknown criterion \"%s\"", req[i]);
            free(ip);
            free(rp);
        } else if (k >= 0) {
            L->c->pass_require |= 1u << k;
        }
        free(req[i]);
    }
    free(req);
    return rc;
}

/* --- the whole spec ---------------------------------------------------------- */

static int parse_challenge(ld *L, const cJSON *root)
{
    static const char *const keys[] = {
        "$schema", "format", "id", "title", "difficulty", "minutes", "tags",
        "statement", "hints", "followups", "reference", "model", "examples", "functions",
        "calls", "defaults", "inputs", "checks", "cases", "convergence", "timing",
        "weights", "mistakes", "limits", "pass", NULL};
    challenge *c = L->c;
    if (!cJSON_IsObject(root))
        return FAIL(L, "", "expected a JSON object");
    if (known_keys(L, root, "", keys))
        return -1;
    /* "$schema" only points editors at challenges/schema.json */
    char *schema = NULL;
    if (get_str(L, root, "", "$schema", false, &schema))
        return -1;
    free(schema);
    double format = 1;
    if (get_num(L, root, "", "format", 1, 1, &format))
        return -1;
    if (get_ident(L, root, "", "id", true, &c->id))
        return -1;
    char *stem = path_stem(c->spec_path);
    int rc = strcmp(stem, c->id) != 0
                 ? FAIL(L, "id", "the id \"%s\" differs from the file name "
                                 "\"%s.json\" (they must match)", c->id, stem)
                 : 0;
    free(stem);
    if (rc)
        return -1;

    char *diff = NULL;
    double minutes = 0;
    if (get_str(L, root, "", "title", true, &c->title) ||
        get_str(L, root, "", "difficulty", true, &diff))
        return -1;
    if (strcmp(diff, "easy") == 0)
        c->diff = DIFF_EASY;
    else if (strcmp(diff, "medium") == 0)
        c->diff = DIFF_MEDIUM;
    else if (strcmp(diff, "hard") == 0)
        c->diff = DIFF_HARD;
    else
        rc = FAIL(L, "difficulty", "expected \"easy\", \"medium\" or \"hard\"");
    free(diff);
    if (rc)
        return -1;
    if (!item(root, "minutes"))
        return FAIL(L, "", "missing \"minutes\" (the time limit)");
    if (get_num(L, root, "", "minutes", 1, 240, &minutes))
        return -1;
    c->minutes = (int)minutes;
    if (get_str_list(L, root, "", "tags", &c->tags, &c->ntags) ||
        get_text(L, root, "", "statement", true, &c->statement) ||
        get_str_list(L, root, "", "hints", &c->hints, &c->nhints) ||
        get_str_list(L, root, "", "followups", &c->followups, &c->nfollowups) ||
        get_file(L, root, "", "reference", true, false, &c->reference) ||
        get_file(L, root, "", "model", false, false, &c->model) ||
        get_file(L, root, "", "examples", false, true, &c->examples) ||
        (item(root, "limits") && parse_limits(L, item(root, "limits"), "limits")) ||
        (item(root, "pass") && parse_pass(L, item(root, "pass"), "pass")))
        return -1;

    /* functions */
    const cJSON *fns = item(root, "functions");
    if (!fns || !cJSON_IsArray(fns) || cJSON_GetArraySize(fns) == 0)
        return FAIL(L, fns ? "functions" : "", "%s",
                    fns ? "expected a non-empty array of functions"
                        : "missing \"functions\"");
    c->functions = xcalloc((size_t)cJSON_GetArraySize(fns) + 1, sizeof(function));
    const cJSON *it;
    cJSON_ArrayForEach(it, fns)
    {
        char *ip = jpath_idx("functions", c->nfunctions);
        rc = parse_function(L, it, ip, &c->functions[c->nfunctions]);
        c->nfunctions++;
        for (int k = 0; !rc && k < c->nfunctions - 1; k++)
            if (strcmp(c->functions[k].name, c->functions[c->nfunctions - 1].name) == 0)
                rc = FAIL(L, ip, "a second function named \"%s\"", c->functions[k].name);
        free(ip);
        if (rc)
            return -1;
    }

    /* call sequence: default is every function once, in order */
    if (item(root, "calls")) {
        if (parse_calls(L, item(root, "calls"), "calls", &c->calls, &c->ncalls))
            return -1;
    } else {
        c->calls = xcalloc((size_t)c->nfunctions, sizeof(call));
        for (int i = 0; i < c->nfunctions; i++) {
            c->calls[i].fn = i;
            c->calls[i].result = xstrdup(c->functions[i].ret_name);
        }
        c->ncalls = c->nfunctions;
    }

    if ((item(root, "defaults") &&
         parse_vars(L, item(root, "defaults"), "defaults", &c->defaults, &c->ndefaults)) ||
        (item(root, "inputs") &&
         parse_inputs(L, item(root, "inputs"), "inputs", &c->inputs, &c->ninputs)) ||
        (item(root, "checks") &&
         parse_checks(L, item(root, "checks"), "checks", &c->checks, &c->nchecks)) ||
        (item(root, "convergence") &&
         parse_convergence(L, item(root, "convergence"), "convergence")) ||
        (item(root, "timing") && parse_timing(L, item(root, "timing"), "timing")) ||
        (item(root, "mistakes") && parse_mistakes(L, item(root, "mistakes"), "mistakes")))
        return -1;

    /* cases */
    const cJSON *cases = item(root, "cases");
    if (!cases || !cJSON_IsArray(cases) || cJSON_GetArraySize(cases) == 0)
        return FAIL(L, cases ? "cases" : "", "%s",
                    cases ? "expected a non-empty array of cases" : "missing \"cases\"");
    c->cases = xcalloc((size_t)cJSON_GetArraySize(cases) + 1, sizeof(case_spec));
    cJSON_ArrayForEach(it, cases)
    {
        char *ip = jpath_idx("cases", c->ncases);
        rc = parse_case(L, it, ip, &c->cases[c->ncases]);
        c->ncases++;
        for (int k = 0; !rc && k < c->ncases - 1; k++)
            if (strcmp(c->cases[k].name, c->cases[c->ncases - 1].name) == 0)
                rc = FAIL(L, ip, "a second case named \"%s\"", c->cases[k].name);
        free(ip);
        if (rc)
            return -1;
    }
    int nchecks_any = c->nchecks;
    for (int i = 0; i < c->ncases; i++)
        nchecks_any += c->cases[i].nchecks;
    if (nchecks_any == 0)
        return FAIL(L, "", "no \"checks\": say which outputs are compared");

    /* weights: defaults for the criteria that apply, then overrides */
    static const double defw[CRIT_COUNT] = {40, 20, 20, 10, 10};
    bool applies[CRIT_COUNT] = {false};
    for (int i = 0; i < c->ncases; i++)
        applies[c->cases[i].crit] = true;
    applies[CRIT_VECTORIZATION] = c->timing.enabled;
    applies[CRIT_CONVERGENCE] = c->conv.enabled;
    applies[CRIT_ORGANIZATION] = true;
    if (!applies[CRIT_CORRECTNESS])
        return FAIL(L, "cases", "no correctness case (every challenge needs at "
                                "least one)");
    for (int k = 0; k < CRIT_COUNT; k++)
        c->weights[k] = applies[k] ? defw[k] : 0;
    if (item(root, "weights") && parse_weights(L, item(root, "weights"), "weights"))
        return -1;
    for (int k = 0; k < CRIT_COUNT; k++)
        if (c->weights[k] > 0 && !applies[k])
            return FAIL(L, "weights", "\"%s\" has a weight but nothing measures it "
                                      "(no %s)",
                        criterion_name((criterion)k),
                        k == CRIT_STABILITY      ? "stability case"
                        : k == CRIT_VECTORIZATION ? "\"timing\" section"
                        : k == CRIT_CONVERGENCE   ? "\"convergence\" section"
                                                  : "case");
    /* failing these means not passing, unless "pass" said otherwise */
    if (!item(root, "pass") || !item(item(root, "pass"), "require"))
        c->pass_require = (1u << CRIT_CORRECTNESS) |
                          (c->weights[CRIT_STABILITY] > 0 ? 1u << CRIT_STABILITY : 0);

    return 0;
}

challenge *spec_parse(const jdoc *d, md_err *err)
{
    challenge *c = xcalloc(1, sizeof *c);
    c->spec_path = path_absolute(d->file);
    c->wall_s = 2.0;
    c->memory_mb = 512;
    c->pass_score = 70;
    ld L = {d, err, c};
    if (parse_challenge(&L, d->root) != 0) {
        spec_free(c);
        return NULL;
    }
    return c;
}

/* --- freeing and lookups ------------------------------------------------------ */

static void free_strs(char **s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static void free_calls(call *cl, int n)
{
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < cl[i].nbind; k++) {
            free(cl[i].bind[k].param);
            free(cl[i].bind[k].var);
        }
        free(cl[i].bind);
        free(cl[i].result);
    }
    free(cl);
}

static void free_checks(check *ck, int n)
{
    for (int i = 0; i < n; i++) {
        free(ck[i].output);
        expr_free(ck[i].count);
        free(ck[i].points);
        free(ck[i].centroids);
        free(ck[i].loss);
        free(ck[i].weights);
        free(ck[i].labels);
        free(ck[i].other);
        free(ck[i].mistake);
        free(ck[i].path);
    }
    free(ck);
}

static void free_vars(var_def *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        expr_free(v[i].value);
    }
    free(v);
}

static void free_inputs(input_def *in, int n)
{
    for (int i = 0; i < n; i++) {
        free(in[i].name);
        gen_free(in[i].gen);
    }
    free(in);
}

static void free_case(case_spec *cs)
{
    free(cs->name);
    free(cs->note);
    free(cs->path);
    free_vars(cs->vars, cs->nvars);
    free_inputs(cs->inputs, cs->ninputs);
    free_calls(cs->calls, cs->ncalls);
    free_checks(cs->checks, cs->nchecks);
}

void spec_free(challenge *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->title);
    free_strs(c->tags, c->ntags);
    free(c->statement);
    free_strs(c->hints, c->nhints);
    free_strs(c->followups, c->nfollowups);
    free(c->spec_path);
    free(c->reference);
    free(c->model);
    free(c->examples);
    for (int i = 0; i < c->nfunctions; i++) {
        function *f = &c->functions[i];
        for (int k = 0; k < f->nparams; k++) {
            param *p = &f->params[k];
            free(p->name);
            free(p->handle);
            for (int s = 0; s < p->ndim; s++)
                expr_free(p->shape[s]);
            free(p->shape);
        }
        free(f->params);
        free(f->name);
        free(f->ret_handle);
        free(f->ret_name);
        free(f->doc);
    }
    free(c->functions);
    free_calls(c->calls, c->ncalls);
    free_vars(c->defaults, c->ndefaults);
    free_inputs(c->inputs, c->ninputs);
    free_checks(c->checks, c->nchecks);
    for (int i = 0; i < c->ncases; i++)
        free_case(&c->cases[i]);
    free(c->cases);
    free(c->conv.loss);
    expr_free(c->conv.count);
    free(c->conv.max_iter);
    free(c->conv.tol);
    free_case(&c->timing.base);
    free(c->timing.grow);
    free(c->timing.advice);
    free(c->timing.scales);
    for (int i = 0; i < c->nmistakes; i++) {
        free(c->mistakes[i].id);
        free(c->mistakes[i].source);
        free(c->mistakes[i].message);
    }
    free(c->mistakes);
    free(c);
}

int spec_function(const challenge *c, const char *name)
{
    for (int i = 0; i < c->nfunctions; i++)
        if (strcmp(c->functions[i].name, name) == 0)
            return i;
    return -1;
}

const char *call_binding(const call *cl, const param *p)
{
    for (int i = 0; i < cl->nbind; i++)
        if (strcmp(cl->bind[i].param, p->name) == 0)
            return cl->bind[i].var;
    return p->name;
}
