/* spec_sig — the loader's reading of function signatures, call sequences
 * and checks (spec_parse.h). */

#include <stdlib.h>
#include <string.h>

#include "spec/spec_parse.h"
#include "spec/value.h"

/* --- functions ------------------------------------------------------------ */

/* A type name as written in a spec ("double[]") into type and array. */
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

/* A parameter's "type" key. */
static int param_type(ld *L, const cJSON *j, const char *path, param *p)
{
    char *t = NULL;
    if (jr_str(&L->r, j, path, "type", true, &t))
        return -1;
    char *tp = jpath_key(path, "type");
    int rc = parse_type(L, tp, t, &p->type, &p->array, false);
    free(tp);
    free(t);
    return rc;
}

/* A parameter's "dir": in (the default), out or inout, as its type allows. */
static int param_dir(ld *L, const cJSON *j, const char *path, param *p)
{
    char *dir = NULL;
    p->dir = DIR_IN;
    if (jr_str(&L->r, j, path, "dir", false, &dir))
        return -1;
    if (!dir)
        return 0;
    char *dp = jpath_key(path, "dir");
    int rc = 0;
    if (strcmp(dir, "in") == 0)
        p->dir = DIR_IN;
    else if (strcmp(dir, "out") == 0)
        p->dir = DIR_OUT;
    else if (strcmp(dir, "inout") == 0)
        p->dir = DIR_INOUT;
    else
        rc = FAIL(L, dp, "expected \"in\", \"out\" or \"inout\"");
    if (!rc && !p->array && p->type != VT_HANDLE && p->dir != DIR_IN)
        rc = FAIL(L, dp, "a scalar %s is passed by value, so it can only be "
                         "\"in\" (use type \"%s[]\" with shape [] for an output "
                         "scalar)", vtype_name(p->type), vtype_name(p->type));
    if (!rc && p->type == VT_HANDLE && p->dir == DIR_OUT)
        rc = FAIL(L, dp, "a handle is created by a function's return value, so "
                         "a handle parameter is \"in\" (const) or \"inout\"");
    free(dp);
    free(dir);
    return rc;
}

/* A parameter's "handle": the opaque type's name, for handles only. */
static int param_handle(ld *L, const cJSON *j, const char *path, param *p)
{
    if (p->type == VT_HANDLE)
        return jr_ident(&L->r, j, path, "handle", true, &p->handle);
    if (!jr_item(j, "handle"))
        return 0;
    char *hp = jpath_key(path, "handle");
    FAIL(L, hp, "only parameters of type \"handle\" name a handle type");
    free(hp);
    return -1;
}

/* The dimensions of an array parameter, each an expression. */
static int read_shape(ld *L, const cJSON *shape, const char *sp, param *p)
{
    if (!cJSON_IsArray(shape) || cJSON_GetArraySize(shape) > VALUE_MAXDIM)
        return FAIL(L, sp, "expected an array of at most %d size expressions",
                    VALUE_MAXDIM);
    p->shape = xcalloc((size_t)cJSON_GetArraySize(shape) + 1, sizeof(expr *));
    const cJSON *it;
    cJSON_ArrayForEach(it, shape)
    {
        char *ip = jpath_idx(sp, p->ndim);
        p->shape[p->ndim] = jdoc_expr(L->r.d, it, ip, L->r.err);
        free(ip);
        if (!p->shape[p->ndim])
            return -1;
        p->ndim++;
    }
    return 0;
}

/* A parameter's "shape": required for arrays, refused for scalars. */
static int param_shape(ld *L, const cJSON *j, const char *path, param *p)
{
    const cJSON *shape = jr_item(j, "shape");
    char *sp = jpath_key(path, "shape");
    int rc = 0;
    if (p->array && !shape)
        rc = FAIL(L, path, "array parameter \"%s\" needs a \"shape\" (e.g. [\"n\", "
                           "\"d\"]; [] for one element)", p->name);
    else if (!p->array && shape)
        rc = FAIL(L, sp, "only array parameters have a shape");
    else if (shape)
        rc = read_shape(L, shape, sp, p);
    free(sp);
    return rc;
}

static int parse_param(ld *L, const cJSON *j, const char *path, param *p)
{
    static const char *const keys[] = {"name", "type", "dir", "shape", "handle", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a parameter object {\"name\", \"type\", ...}");
    if (jr_keys(&L->r, j, path, keys) || jr_ident(&L->r, j, path, "name", true, &p->name) ||
        param_type(L, j, path, p) || param_dir(L, j, path, p) ||
        param_handle(L, j, path, p) || param_shape(L, j, path, p))
        return -1;
    return 0;
}

/* A function's "returns": a type name, or {"type", "handle", "name"}. */
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
    if (jr_keys(&L->r, j, path, keys))
        return -1;
    char *t = NULL;
    if (jr_str(&L->r, j, path, "type", true, &t))
        return -1;
    char *tp = jpath_key(path, "type");
    int rc = parse_type(L, tp, t, &f->ret, &array, true);
    if (!rc && (array || f->ret == VT_STRING))
        rc = FAIL(L, tp, "a function returns void, int, double or a handle");
    free(tp);
    free(t);
    if (rc || jr_ident(&L->r, j, path, "name", false, &f->ret_name))
        return -1;
    if (f->ret == VT_HANDLE)
        return jr_ident(&L->r, j, path, "handle", true, &f->ret_handle);
    if (jr_item(j, "handle")) {
        char *hp = jpath_key(path, "handle");
        FAIL(L, hp, "only a \"handle\" return names a handle type");
        free(hp);
        return -1;
    }
    return 0;
}

/* Parameter i of a function's "params", each name once. */
static int parse_param_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    if (parse_param(L, it, path, (param *)items + i) != 0)
        return -1;
    return sp_unique(L, path, items, sizeof(param), i, "parameter named");
}

static int parse_function(ld *L, const cJSON *j, const char *path, function *f)
{
    static const char *const keys[] = {"name", "returns", "params", "doc", "requires",
                                       "assumes", "rejects", "fast_paths", "flags",
                                       "derive_from", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a function object {\"name\", "
                             "\"returns\", \"params\"}");
    if (jr_keys(&L->r, j, path, keys) || jr_ident(&L->r, j, path, "name", true, &f->name) ||
        jr_str(&L->r, j, path, "doc", false, &f->doc))
        return -1;
    char *rp = jpath_key(path, "returns");
    int rc = parse_returns(L, jr_item(j, "returns"), rp, f);
    free(rp);
    if (rc)
        return -1;
    const cJSON *params = jr_item(j, "params");
    char *pp = jpath_key(path, "params");
    if (!params)
        rc = FAIL(L, path, "missing \"params\"");
    else
        rc = sp_array(L, params, pp, false, "parameters", sizeof(param), parse_param_item,
                      (void **)&f->params, &f->nparams);
    free(pp);
    return rc ? -1 : sp_contract(L, j, path, f);
}

/* Function i of "functions", each name once. */
static int parse_function_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    if (parse_function(L, it, path, (function *)items + i) != 0)
        return -1;
    return sp_unique(L, path, items, sizeof(function), i, "function named");
}

int sp_functions(ld *L, const cJSON *fns, const char *path)
{
    if (!fns)
        return FAIL(L, "", "missing \"functions\"");
    return sp_array(L, fns, path, true, "functions", sizeof(function), parse_function_item,
                    (void **)&L->c->functions, &L->c->nfunctions);
}

/* --- calls ---------------------------------------------------------------- */

/* A call's "bind": each key a parameter of f, each value a variable. */
static int parse_bind(ld *L, const cJSON *bind, const char *bp, const function *f,
                      call *cl)
{
    if (!cJSON_IsObject(bind))
        return FAIL(L, bp, "expected {\"parameter\": \"variable\", ...}");
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
        else if (!cJSON_IsString(it) || !jr_is_ident(it->valuestring))
            rc = FAIL(L, ip, "expected the name of a case variable");
        free(ip);
        if (rc)
            return -1;
        cl->bind[cl->nbind].param = xstrdup(it->string);
        cl->bind[cl->nbind].var = xstrdup(it->valuestring);
        cl->nbind++;
    }
    return 0;
}

static int parse_call(ld *L, const cJSON *j, const char *path, call *cl)
{
    static const char *const keys[] = {"fn", "bind", "result", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"fn\": name, \"bind\": {...}, "
                             "\"result\": var}");
    char *fn = NULL;
    if (jr_keys(&L->r, j, path, keys) || jr_str(&L->r, j, path, "fn", true, &fn))
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
    if (jr_ident(&L->r, j, path, "result", false, &cl->result))
        return -1;
    if (!cl->result && f->ret_name)
        cl->result = xstrdup(f->ret_name);
    if (cl->result && f->ret == VT_VOID) {
        char *p = jpath_key(path, "result");
        FAIL(L, p, "%s returns void, so it has no result", f->name);
        free(p);
        return -1;
    }
    const cJSON *bind = jr_item(j, "bind");
    if (!bind)
        return 0;
    char *bp = jpath_key(path, "bind");
    int rc = parse_bind(L, bind, bp, f, cl);
    free(bp);
    return rc;
}

static int parse_call_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    return parse_call(L, it, path, (call *)items + i);
}

int sp_calls(ld *L, const cJSON *j, const char *path, call **out, int *n)
{
    return sp_array(L, j, path, true, "calls", sizeof(call), parse_call_item,
                       (void **)out, n);
}

/* --- checks --------------------------------------------------------------- */

/* A check's "compare": the comparator's name (default allclose). */
static int check_kind(ld *L, const cJSON *j, const char *path, check *ck)
{
    char *kind = NULL;
    ck->kind = CMP_ALLCLOSE;
    if (jr_str(&L->r, j, path, "compare", false, &kind))
        return -1;
    if (!kind)
        return 0;
    int k;
    for (k = 0; k < CMP_KIND_COUNT; k++)
        if (strcmp(kind, cmp_name((cmp_kind)k)) == 0)
            break;
    free(kind);
    if (k == CMP_KIND_COUNT) {
        strbuf list = {0};
        for (int q = 0; q < CMP_KIND_COUNT; q++)
            sb_printf(&list, "%s%s", q ? ", " : "", cmp_name((cmp_kind)q));
        char *kp = jpath_key(path, "compare");
        FAIL(L, kp, "unknown comparator (expected one of: %s)", sb_str(&list));
        free(kp);
        sb_free(&list);
        return -1;
    }
    ck->kind = (cmp_kind)k;
    return 0;
}

/* A check's tolerances, the variables its comparator reads, and "count". */
static int check_fields(ld *L, const cJSON *j, const char *path, check *ck)
{
    jreader *r = &L->r;
    double samples = ck->samples;
    if (jr_num(r, j, path, "rtol", 0, 1, &ck->rtol) ||
        jr_num(r, j, path, "atol", 0, 1e300, &ck->atol) ||
        jr_num(r, j, path, "step", 1e-12, 1, &ck->step) ||
        jr_num(r, j, path, "samples", 1, 100000, &samples) ||
        jr_ident(r, j, path, "points", false, &ck->points) ||
        jr_ident(r, j, path, "centroids", false, &ck->centroids) ||
        jr_ident(r, j, path, "loss", false, &ck->loss) ||
        jr_ident(r, j, path, "weights", false, &ck->weights) ||
        jr_ident(r, j, path, "labels", false, &ck->labels) ||
        jr_ident(r, j, path, "other", false, &ck->other) ||
        jr_str(r, j, path, "mistake", false, &ck->mistake))
        return -1;
    ck->samples = (int)samples;
    const cJSON *value = jr_item(j, "value");
    if (value) {
        char *vp = jpath_key(path, "value");
        int rc = cJSON_IsNull(value) || cJSON_IsNumber(value)
                     ? 0
                     : FAIL(L, vp, "expected a number, or null for a NULL handle");
        free(vp);
        if (rc)
            return -1;
        ck->has_value = true;
        ck->value = cJSON_IsNumber(value) ? value->valuedouble : 0;
    }
    const cJSON *count = jr_item(j, "count");
    if (!count)
        return 0;
    char *cp = jpath_key(path, "count");
    ck->count = jdoc_expr(r->d, count, cp, r->err);
    free(cp);
    return ck->count ? 0 : -1;
}

/* What each comparator needs besides the output. */
static int check_needs(ld *L, const char *path, const check *ck)
{
    const char *need = NULL;
    if (ck->kind == CMP_NEAREST && (!ck->points || !ck->centroids))
        need = "\"points\" (the data) and \"centroids\"";
    else if (ck->kind == CMP_GRADCHECK && (!ck->points || !ck->loss))
        need = "\"points\" (the input differentiated) and \"loss\" (the scalar output)";
    else if (ck->kind == CMP_PARTITION && (!ck->labels || !ck->other))
        need = "\"labels\" (class of each index) and \"other\" (the complementary set)";
    if (need)
        return FAIL(L, path, "comparator \"%s\" needs %s", cmp_name(ck->kind), need);
    if (ck->has_value && ck->kind != CMP_EQUAL && ck->kind != CMP_ALLCLOSE) {
        char *vp = jpath_key(path, "value");
        FAIL(L, vp, "\"value\" (a fixed expected value) applies to equal and allclose");
        free(vp);
        return -1;
    }
    if (ck->weights && ck->kind != CMP_GRADCHECK) {
        char *wp = jpath_key(path, "weights");
        FAIL(L, wp, "\"weights\" applies to the gradcheck comparator only");
        free(wp);
        return -1;
    }
    return 0;
}

static int parse_check(ld *L, const cJSON *j, const char *path, check *ck)
{
    static const char *const keys[] = {"output", "compare", "rtol", "atol",
                                       "count", "points", "centroids", "loss",
                                       "weights", "labels", "other", "step",
                                       "samples", "mistake", "value", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"output\": var, \"compare\": kind, ...}");
    ck->path = xstrdup(path);
    ck->rtol = 1e-6;
    ck->atol = 1e-9;
    ck->step = 1e-5;
    ck->samples = 20;
    if (jr_keys(&L->r, j, path, keys) ||
        jr_ident(&L->r, j, path, "output", true, &ck->output) ||
        check_kind(L, j, path, ck) || check_fields(L, j, path, ck))
        return -1;
    return check_needs(L, path, ck);
}

static int parse_check_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    return parse_check(L, it, path, (check *)items + i);
}

int sp_checks(ld *L, const cJSON *j, const char *path, check **out, int *n)
{
    return sp_array(L, j, path, false, "checks", sizeof(check), parse_check_item,
                       (void **)out, n);
}
