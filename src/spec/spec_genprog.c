/* spec_genprog — the loader's reading of "generators" (spec_parse.h):
 * the challenge's generator programs, C functions that fill an input from
 * a seed and the input's shape.  Each is declared by its name and its own
 * numeric parameters; the loader builds its whole signature,
 *   void NAME(int seed, int rows, int cols, <its parameters>, double *out)
 * so that the runner machinery calls it like any function of a spec. */

#include <stdlib.h>
#include <string.h>

#include "spec/gen.h"
#include "spec/spec_parse.h"

/* Names a program's own parameter may not take: the fixed parameters,
 * and the keys a generator object gives a meaning of its own. */
static const char *const reserved[] = {"seed", "rows", "cols", "out", "gen", "literal",
                                       "from", "set", "scale", "shift", "nan_fraction",
                                       "repeat_rows", NULL};

static void add_param(function *f, const char *name, vtype type, bool array)
{
    param *p = &f->params[f->nparams++];
    memset(p, 0, sizeof *p);
    p->name = xstrdup(name);
    p->type = type;
    p->array = array;
    p->dir = array ? DIR_OUT : DIR_IN;
}

/* A program's own parameter {"name", "type": "int" | "double"}. */
static int own_param(ld *L, const cJSON *j, const char *path, function *f)
{
    static const char *const keys[] = {"name", "type", NULL};
    char *name = NULL, *type = NULL;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"name\": ..., \"type\": \"int\" or \"double\"}");
    int rc = jr_keys(&L->r, j, path, keys) || jr_ident(&L->r, j, path, "name", true, &name) ||
             jr_str(&L->r, j, path, "type", true, &type);
    char *np = jpath_key(path, "name"), *tp = jpath_key(path, "type");
    for (int i = 0; !rc && reserved[i]; i++)
        if (strcmp(name, reserved[i]) == 0)
            rc = FAIL(L, np, "\"%s\" is taken (a generator program's parameters may not be "
                             "called seed, rows, cols, out, nor a key of a generator object)",
                      name);
    for (int i = GEN_PROG_FIXED; !rc && i < f->nparams; i++)
        if (strcmp(f->params[i].name, name) == 0)
            rc = FAIL(L, np, "a second parameter named \"%s\"", name);
    if (!rc && strcmp(type, "int") != 0 && strcmp(type, "double") != 0)
        rc = FAIL(L, tp, "expected \"int\" or \"double\"");
    if (!rc)
        add_param(f, name, strcmp(type, "int") == 0 ? VT_INT : VT_DOUBLE, false);
    free(np);
    free(tp);
    free(name);
    free(type);
    return rc ? -1 : 0;
}

/* The output: rows x cols doubles (shape ["rows", "cols"]). */
static void add_out(function *f)
{
    add_param(f, "out", VT_DOUBLE, true);
    param *p = &f->params[f->nparams - 1];
    md_err e;
    p->ndim = 2;
    p->shape = xcalloc(2, sizeof(expr *));
    p->shape[0] = expr_parse("rows", &e);
    p->shape[1] = expr_parse("cols", &e);
}

/* Whether name is a built-in generator kind (a program may not hide one). */
static bool builtin_kind(const char *name)
{
    for (int k = 1; k < G_KIND_COUNT; k++)
        if (k != G_PROGRAM && strcmp(name, gen_kinds[k].name) == 0)
            return true;
    return false;
}

static int parse_program(ld *L, const cJSON *j, const char *path, void *items, int i)
{
    static const char *const keys[] = {"name", "doc", "params", NULL};
    function *f = (function *)items + i;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"name\", \"params\": [{\"name\", \"type\"}, ...]}");
    if (jr_keys(&L->r, j, path, keys) || jr_ident(&L->r, j, path, "name", true, &f->name) ||
        jr_str(&L->r, j, path, "doc", false, &f->doc))
        return -1;
    char *np = jpath_key(path, "name");
    int rc = builtin_kind(f->name)
                 ? FAIL(L, np, "\"%s\" is a built-in generator: name the program otherwise",
                        f->name)
                 : sp_unique(L, np, items, sizeof(function), i, "generator program named");
    free(np);
    if (rc)
        return -1;
    const cJSON *params = jr_item(j, "params");
    if (params && !cJSON_IsArray(params)) {
        char *pp = jpath_key(path, "params");
        rc = FAIL(L, pp, "expected an array of {\"name\", \"type\"}");
        free(pp);
        return rc;
    }
    f->ret = VT_VOID;
    f->params = xcalloc((size_t)(GEN_PROG_FIXED + cJSON_GetArraySize(params) + 1), sizeof(param));
    add_param(f, "seed", VT_INT, false);
    add_param(f, "rows", VT_INT, false);
    add_param(f, "cols", VT_INT, false);
    char *base = jpath_key(path, "params");
    const cJSON *it;
    int k = 0;
    cJSON_ArrayForEach(it, params)
    {
        char *pp = jpath_idx(base, k++);
        rc = own_param(L, it, pp, f);
        free(pp);
        if (rc)
            break;
    }
    free(base);
    if (!rc)
        add_out(f);
    return rc;
}

/* The programs as a generator object names them (L->progs). */
static void gen_programs_build(ld *L)
{
    const challenge *c = L->c;
    gen_program *p = xcalloc((size_t)c->ngenerators + 1, sizeof *p);
    for (int i = 0; i < c->ngenerators; i++) {
        const function *f = &c->generators[i];
        int n = f->nparams - GEN_PROG_FIXED - 1;
        const char **names = xcalloc((size_t)n + 1, sizeof(char *));
        bool *ints = xcalloc((size_t)n + 1, sizeof(bool));
        for (int k = 0; k < n; k++) {
            names[k] = f->params[GEN_PROG_FIXED + k].name;
            ints[k] = f->params[GEN_PROG_FIXED + k].type == VT_INT;
        }
        p[i] = (gen_program){f->name, names, ints, n};
    }
    L->progs = (gen_programs){p, c->ngenerators};
}

void sp_generators_done(ld *L)
{
    for (int i = 0; i < L->progs.n; i++) {
        free((void *)L->progs.p[i].params);
        free((void *)L->progs.p[i].ints);
    }
    free((void *)L->progs.p);
    L->progs = (gen_programs){NULL, 0};
}

int sp_generators(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"source", "functions", NULL};
    challenge *c = L->c;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"source\": \"file.c\", \"functions\": [...]}");
    if (jr_keys(&L->r, j, path, keys) ||
        jr_file(&L->r, j, path, "source", true, false, &c->gen_source))
        return -1;
    const cJSON *fns = jr_item(j, "functions");
    char *fp = jpath_key(path, "functions");
    int rc = !fns ? FAIL(L, path, "missing \"functions\" (the generator programs)")
                  : sp_array(L, fns, fp, true, "generator programs", sizeof(function),
                             parse_program, (void **)&c->generators, &c->ngenerators);
    free(fp);
    if (rc == 0)
        gen_programs_build(L);
    return rc;
}
