/* spec_contract — the loader's reading of a function's contract
 * (spec_parse.h): "requires", "assumes", "rejects", "fast_paths", "flags"
 * and "derive_from" (docs/spec-format.md, "Contracts"). */

#include <stdlib.h>
#include <string.h>

#include "spec/contract.h"
#include "spec/spec_parse.h"

/* "requires" or "assumes": requirement strings in the grammar of
 * contract.h, each on a parameter of f. */
static int parse_reqs(ld *L, const cJSON *fj, const char *path, const char *key,
                      const function *f, requirement **out, int *n)
{
    char **texts = NULL;
    int nt = 0;
    int rc = jr_strs(&L->r, fj, path, key, &texts, &nt);
    char *kp = jpath_key(path, key);
    *out = xcalloc((size_t)nt + 1, sizeof(requirement));
    for (int i = 0; i < nt; i++) {
        requirement *r = &(*out)[(*n)++];
        r->path = jpath_idx(kp, i);
        r->text = texts[i];
        md_err e;
        if (!rc && contract_parse(r->text, f, r, &e) != 0)
            rc = FAIL(L, r->path, "%s", e.msg);
    }
    free(texts);
    free(kp);
    return rc;
}

/* "rejects": {"returns": null or a number, "outputs": "untouched" or "any"},
 * as the function's return type allows. */
static int parse_rejects(ld *L, const cJSON *j, const char *path, const function *f,
                         contract *k)
{
    static const char *const keys[] = {"returns", "outputs", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"returns\": null or a number, \"outputs\": "
                             "\"untouched\" or \"any\"}");
    if (jr_keys(&L->r, j, path, keys))
        return -1;
    k->rejects = true;
    k->untouched = true;
    const cJSON *ret = jr_item(j, "returns");
    char *rp = jpath_key(path, "returns");
    int rc = 0;
    if (f->ret == VT_VOID && ret)
        rc = FAIL(L, rp, "%s returns void: a rejection has no return value", f->name);
    else if (f->ret == VT_HANDLE && (!ret || !cJSON_IsNull(ret)))
        rc = FAIL(L, ret ? rp : path, "%s returns a handle: a rejection returns null "
                                      "(\"returns\": null)", f->name);
    else if ((f->ret == VT_INT || f->ret == VT_DOUBLE) && (!ret || !cJSON_IsNumber(ret)))
        rc = FAIL(L, ret ? rp : path, "%s returns %s: \"returns\" is the number a rejection "
                                      "returns (e.g. -1)", f->name, vtype_name(f->ret));
    free(rp);
    if (rc)
        return -1;
    k->reject_null = f->ret == VT_HANDLE;
    k->reject_value_set = f->ret == VT_INT || f->ret == VT_DOUBLE;
    k->reject_value = k->reject_value_set ? ret->valuedouble : 0;
    char *outputs = NULL;
    if (jr_str(&L->r, j, path, "outputs", false, &outputs))
        return -1;
    if (outputs && strcmp(outputs, "untouched") != 0 && strcmp(outputs, "any") != 0) {
        char *op = jpath_key(path, "outputs");
        rc = FAIL(L, op, "expected \"untouched\" (the default) or \"any\"");
        free(op);
    }
    k->untouched = !outputs || strcmp(outputs, "untouched") == 0;
    if (!rc && f->ret == VT_VOID && !k->untouched)
        rc = FAIL(L, path, "%s returns void: a rejection it can show leaves the outputs "
                           "\"untouched\"", f->name);
    free(outputs);
    return rc;
}

/* The scalar int or double parameter of f named name, or NULL. */
static const param *scalar_param(const function *f, const char *name, bool int_only)
{
    for (int i = 0; i < f->nparams; i++) {
        const param *p = &f->params[i];
        if (!p->array && strcmp(p->name, name) == 0 &&
            (p->type == VT_INT || (!int_only && p->type == VT_DOUBLE)))
            return p;
    }
    return NULL;
}

/* One fast path: {"name": "k >= c", "vars": {"k": "c"}}, the vars naming
 * scalar parameters of f. */
static int parse_fast(ld *L, const cJSON *it, const char *ip, const function *f, fast_path *fp)
{
    static const char *const keys[] = {"name", "vars", NULL};
    if (!cJSON_IsObject(it))
        return FAIL(L, ip, "expected {\"name\": \"k >= c\", \"vars\": {\"k\": \"c\"}}");
    if (jr_keys(&L->r, it, ip, keys) || jr_str(&L->r, it, ip, "name", true, &fp->name))
        return -1;
    const cJSON *vars = jr_item(it, "vars");
    char *vp = jpath_key(ip, "vars");
    int rc = !vars || !cJSON_IsObject(vars) || cJSON_GetArraySize(vars) == 0
                 ? FAIL(L, vars ? vp : ip, "a fast path sets parameters: \"vars\": "
                                           "{\"k\": \"c\"}")
                 : sp_vars(L, vars, vp, &fp->vars, &fp->nvars);
    for (int i = 0; !rc && i < fp->nvars; i++)
        if (!scalar_param(f, fp->vars[i].name, false)) {
            char *np = jpath_key(vp, fp->vars[i].name);
            rc = FAIL(L, np, "%s has no int or double parameter \"%s\"", f->name,
                      fp->vars[i].name);
            free(np);
        }
    free(vp);
    return rc;
}

static int parse_fast_paths(ld *L, const cJSON *j, const char *path, const function *f,
                            contract *k)
{
    if (!cJSON_IsArray(j))
        return FAIL(L, path, "expected an array of {\"name\", \"vars\"}");
    k->fast = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(fast_path));
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_idx(path, k->nfast);
        int rc = parse_fast(L, it, ip, f, &k->fast[k->nfast++]);
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

/* "flags": int parameters where any non-zero value means true. */
static int parse_flags(ld *L, const cJSON *fj, const char *path, const function *f,
                       contract *k)
{
    if (jr_strs(&L->r, fj, path, "flags", &k->flags, &k->nflags))
        return -1;
    for (int i = 0; i < k->nflags; i++)
        if (!scalar_param(f, k->flags[i], true)) {
            char *fp = jpath_key(path, "flags");
            char *ip = jpath_idx(fp, i);
            FAIL(L, ip, "%s has no int parameter \"%s\" (a flag is an int)", f->name,
                 k->flags[i]);
            free(ip);
            free(fp);
            return -1;
        }
    return 0;
}

/* The keys together: "requires" and "rejects" go in pairs. */
static int contract_pairs(ld *L, const char *path, const contract *k)
{
    if (k->nrequires && !k->rejects)
        return FAIL(L, path, "\"requires\" needs \"rejects\" (what a rejected call "
                             "returns); arguments the caller guarantees go in \"assumes\"");
    if (k->rejects && !k->nrequires) {
        char *rp = jpath_key(path, "rejects");
        FAIL(L, rp, "\"rejects\" without \"requires\": which arguments are rejected?");
        free(rp);
        return -1;
    }
    if (k->nfast && !k->nrequires) {
        char *fp = jpath_key(path, "fast_paths");
        FAIL(L, fp, "fast paths are tried with the violations of \"requires\", and there "
                    "are none");
        free(fp);
        return -1;
    }
    return 0;
}

int sp_contract(ld *L, const cJSON *fj, const char *path, function *f)
{
    contract *k = &f->contract;
    k->path = xstrdup(path);
    const cJSON *j;
    char *p;
    int rc = parse_reqs(L, fj, path, "requires", f, &k->requires, &k->nrequires) ||
             parse_reqs(L, fj, path, "assumes", f, &k->assumes, &k->nassumes) ||
             parse_flags(L, fj, path, f, k) ||
             jr_str(&L->r, fj, path, "derive_from", false, &k->derive_from);
    if (!rc && (j = jr_item(fj, "rejects"))) {
        p = jpath_key(path, "rejects");
        rc = parse_rejects(L, j, p, f, k);
        free(p);
    }
    if (!rc && (j = jr_item(fj, "fast_paths"))) {
        p = jpath_key(path, "fast_paths");
        rc = parse_fast_paths(L, j, p, f, k);
        free(p);
    }
    return rc ? -1 : contract_pairs(L, path, k);
}
