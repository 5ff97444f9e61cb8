/* spec_case — the loader's reading of variables, inputs, cases and the
 * sections (convergence, timing, mistakes, limits, pass); spec_parse.h. */

#include <stdlib.h>
#include <string.h>

#include "spec/answer.h"
#include "spec/gen.h"
#include "spec/spec_parse.h"

/* --- variables and inputs ------------------------------------------------- */

static int parse_var_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    var_def *v = (var_def *)items + i;
    v->value = jdoc_expr(L->r.d, it, path, L->r.err);
    return v->value ? 0 : -1;
}

int sp_vars(ld *L, const cJSON *j, const char *path, var_def **out, int *n)
{
    return sp_named(L, j, path, "{\"name\": number or expression, ...}", sizeof(var_def),
                    parse_var_item, (void **)out, n);
}

static int parse_input_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    input_def *in = (input_def *)items + i;
    in->gen = gen_parse(L->r.d, it, path, &L->progs, L->r.err);
    return in->gen ? 0 : -1;
}

int sp_inputs(ld *L, const cJSON *j, const char *path, input_def **out, int *n)
{
    return sp_named(L, j, path, "{\"name\": generator, ...}", sizeof(input_def),
                    parse_input_item, (void **)out, n);
}

/* --- cases ---------------------------------------------------------------- */

static int parse_expected_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    input_def *e = (input_def *)items + i;
    e->gen = gen_parse_expected(L->r.d, it, path, L->r.err);
    return e->gen ? 0 : -1;
}

/* "expected": {"how": "...", "values": {"output": literal, ...}}: outputs
 * worked out independently of the reference. */
static int parse_expected(ld *L, const cJSON *j, const char *path, case_spec *cs)
{
    static const char *const keys[] = {"how", "values", NULL};
    jreader *r = &L->r;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"how\": \"by hand: ...\", \"values\": "
                             "{\"output\": [...]}}");
    if (jr_keys(r, j, path, keys) || jr_text(r, j, path, "how", true, &cs->expected_how))
        return -1;
    const cJSON *v = jr_item(j, "values");
    char *p = jpath_key(path, "values");
    int rc = v ? sp_named(L, v, p, "{\"output\": [numbers], ...}", sizeof(input_def),
                          parse_expected_item, (void **)&cs->expected, &cs->nexpected)
               : FAIL(L, path, "missing \"values\": the outputs worked out");
    free(p);
    return rc;
}

/* The parts a case and the timing section share. */
static int parse_case_body(ld *L, const cJSON *j, const char *path, case_spec *cs)
{
    const cJSON *v;
    char *p;
    int rc = 0;
    if ((v = jr_item(j, "vars"))) {
        p = jpath_key(path, "vars");
        rc = sp_vars(L, v, p, &cs->vars, &cs->nvars);
        free(p);
    }
    if (!rc && (v = jr_item(j, "inputs"))) {
        p = jpath_key(path, "inputs");
        rc = sp_inputs(L, v, p, &cs->inputs, &cs->ninputs);
        free(p);
    }
    if (!rc && (v = jr_item(j, "calls"))) {
        p = jpath_key(path, "calls");
        rc = sp_calls(L, v, p, &cs->calls, &cs->ncalls);
        free(p);
    }
    if (!rc && (v = jr_item(j, "checks"))) {
        p = jpath_key(path, "checks");
        rc = sp_checks(L, v, p, &cs->checks, &cs->nchecks);
        free(p);
    }
    return rc;
}

/* A case's "criterion": the criteria cases measure. */
static int case_criterion(ld *L, const char *path, const char *crit, case_spec *cs)
{
    int k = criterion_from_name(crit);
    char *cp = jpath_key(path, "criterion");
    int rc = 0;
    if (k != CRIT_CORRECTNESS && k != CRIT_STABILITY && k != CRIT_ORGANIZATION)
        rc = FAIL(L, cp, "expected \"correctness\", \"stability\" or "
                         "\"organization\" (vectorization and convergence "
                         "have their own sections)");
    else
        cs->crit = (criterion)k;
    free(cp);
    return rc;
}

/* A case's "provokes": declared mistakes, each once ("mistakes" is read
 * before the cases). */
static int case_provokes(ld *L, const char *path, const case_spec *cs)
{
    const challenge *c = L->c;
    char *pp = jpath_key(path, "provokes");
    int rc = 0;
    for (int i = 0; i < cs->nprovokes && !rc; i++) {
        char *ip = jpath_idx(pp, i);
        int m = 0;
        while (m < c->nmistakes && strcmp(c->mistakes[m].id, cs->provokes[i]) != 0)
            m++;
        if (m == c->nmistakes)
            rc = FAIL(L, ip, "\"%s\" is not a mistake \"mistakes\" declares",
                      cs->provokes[i]);
        for (int k = 0; k < i && !rc; k++)
            if (strcmp(cs->provokes[k], cs->provokes[i]) == 0)
                rc = FAIL(L, ip, "\"%s\" is listed twice", cs->provokes[i]);
        free(ip);
    }
    free(pp);
    return rc;
}

static int parse_case(ld *L, const cJSON *j, const char *path, case_spec *cs)
{
    static const char *const keys[] = {"name", "criterion", "visible", "seed",
                                       "note", "vars", "inputs", "calls",
                                       "checks", "wall_s", "expected", "provokes",
                                       NULL};
    jreader *r = &L->r;
    cs->path = xstrdup(path);
    cs->crit = CRIT_CORRECTNESS;
    cs->wall_s = L->c->wall_s;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected a case object {\"name\", \"vars\", "
                             "\"inputs\", ...}");
    char *crit = NULL;
    int rc = jr_keys(r, j, path, keys) || jr_str(r, j, path, "name", true, &cs->name) ||
             jr_str(r, j, path, "criterion", false, &crit) ||
             jr_bool(r, j, path, "visible", &cs->visible) ||
             jr_text(r, j, path, "note", false, &cs->note) ||
             jr_num(r, j, path, "wall_s", 0.01, 600, &cs->wall_s) ||
             (crit && case_criterion(L, path, crit, cs)) ||
             jr_strs(r, j, path, "provokes", &cs->provokes, &cs->nprovokes) ||
             case_provokes(L, path, cs);
    free(crit);
    if (rc)
        return -1;
    double seed = -1;
    if (jr_num(r, j, path, "seed", 0, 9007199254740991.0, &seed))
        return -1;
    if (seed >= 0) {
        cs->has_seed = true;
        cs->seed = (uint64_t)seed;
    }
    if (parse_case_body(L, j, path, cs) != 0)
        return -1;
    const cJSON *e = jr_item(j, "expected");
    if (!e)
        return 0;
    char *ep = jpath_key(path, "expected");
    rc = parse_expected(L, e, ep, cs);
    free(ep);
    return rc;
}

/* Case i of "cases", each name once. */
static int parse_case_item(ld *L, const cJSON *it, const char *path, void *items, int i)
{
    if (parse_case(L, it, path, (case_spec *)items + i) != 0)
        return -1;
    return sp_unique(L, path, items, sizeof(case_spec), i, "case named");
}

int sp_cases(ld *L, const cJSON *cases, const char *path)
{
    if (!cases)
        return FAIL(L, "", "missing \"cases\"");
    return sp_array(L, cases, path, true, "cases", sizeof(case_spec), parse_case_item,
                    (void **)&L->c->cases, &L->c->ncases);
}

/* --- sections --------------------------------------------------------------- */

int sp_convergence(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"loss",  "count", "max_iter",   "tol",   "monotone",
                                       "slack", "final_rtol", "method", NULL};
    jreader *r = &L->r;
    conv_spec *cv = &L->c->conv;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"loss\": output, \"count\": expr, ...}");
    cv->enabled = true;
    cv->monotone = true;
    cv->slack = 1e-9;
    cv->final_rtol = 1e-4;
    if (jr_keys(r, j, path, keys) || jr_ident(r, j, path, "loss", true, &cv->loss) ||
        jr_ident(r, j, path, "max_iter", true, &cv->max_iter) ||
        jr_ident(r, j, path, "tol", false, &cv->tol) ||
        jr_bool(r, j, path, "monotone", &cv->monotone) ||
        jr_num(r, j, path, "slack", 0, 1, &cv->slack) ||
        jr_num(r, j, path, "final_rtol", 0, 1, &cv->final_rtol) ||
        jr_str(r, j, path, "method", false, &cv->method))
        return -1;
    const cJSON *count = jr_item(j, "count");
    if (!count)
        return FAIL(L, path, "missing \"count\" (how many losses were written, "
                             "e.g. the result variable \"iters\")");
    char *cp = jpath_key(path, "count");
    cv->count = jdoc_expr(r->d, count, cp, r->err);
    free(cp);
    return cv->count ? 0 : -1;
}

/* The timing section's "scales": ascending multipliers of "grow". */
static int timing_scales(ld *L, const cJSON *sc, const char *sp, timing_spec *t)
{
    if (!sc) {
        t->scales = xcalloc(1, sizeof(double));
        t->scales[t->nscales++] = 1;
        return 0;
    }
    if (!cJSON_IsArray(sc) || cJSON_GetArraySize(sc) < 1 || cJSON_GetArraySize(sc) > 8)
        return FAIL(L, sp, "expected 1 to 8 ascending size multipliers, e.g. "
                           "[0.25, 0.5, 1]");
    t->scales = xcalloc((size_t)cJSON_GetArraySize(sc), sizeof(double));
    const cJSON *it;
    cJSON_ArrayForEach(it, sc)
    {
        if (!cJSON_IsNumber(it) || it->valuedouble <= 0 ||
            (t->nscales && it->valuedouble <= t->scales[t->nscales - 1])) {
            char *ip = jpath_idx(sp, t->nscales);
            FAIL(L, ip, "expected a positive multiplier larger than the previous one");
            free(ip);
            return -1;
        }
        t->scales[t->nscales++] = it->valuedouble;
    }
    return 0;
}

int sp_timing(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"vars", "inputs", "calls", "grow", "scales",
                                       "full_ratio", "zero_ratio", "exponent",
                                       "exponent_slack", "budget_s", "advice", NULL};
    jreader *r = &L->r;
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
    if (jr_keys(r, j, path, keys) || parse_case_body(L, j, path, &t->base) ||
        jr_ident(r, j, path, "grow", false, &t->grow) ||
        jr_num(r, j, path, "full_ratio", 0.01, 1e6, &t->full_ratio) ||
        jr_num(r, j, path, "zero_ratio", 0.01, 1e6, &t->zero_ratio) ||
        jr_num(r, j, path, "exponent", 0, 10, &t->exponent) ||
        jr_num(r, j, path, "exponent_slack", 0, 10, &t->exponent_slack) ||
        jr_num(r, j, path, "budget_s", 0.05, 60, &t->budget_s) ||
        jr_str(r, j, path, "advice", false, &t->advice))
        return -1;
    if (t->zero_ratio <= t->full_ratio)
        return FAIL(L, path, "zero_ratio (%g) must be above full_ratio (%g)",
                    t->zero_ratio, t->full_ratio);
    char *sp = jpath_key(path, "scales");
    int rc = timing_scales(L, jr_item(j, "scales"), sp, t);
    free(sp);
    if (!rc && t->nscales > 1 && !t->grow)
        rc = FAIL(L, path, "several \"scales\" need \"grow\" (the size variable "
                           "they multiply)");
    return rc;
}

/* The mistakes the model answer marks with a site (answer.h: the
 * directive lines `#if MISTAKE(id)` and `#if !MISTAKE(id)`, unnested and
 * closed): each must be declared, and a declared mistake with no source
 * of its own is a site.  validate holds the sites to the documented
 * forms. */
static int mark_sites(ld *L)
{
    challenge *c = L->c;
    if (!c->model)
        return 0;
    char *text = file_read(c->model, NULL, L->r.err);
    if (!text)
        return FAIL(L, "model", "%s", L->r.err->msg);
    answer_site *sites;
    int n, rc = 0;
    md_err e;
    char buf[4096];
    if (answer_sites(text, false, &sites, &n, &e) != 0)
        rc = FAIL(L, "model", "%s: %s", path_shown(c->model, buf, sizeof buf), e.msg);
    for (int i = 0; i < n && !rc; i++) {
        int m = 0;
        while (m < c->nmistakes && strcmp(c->mistakes[m].id, sites[i].id) != 0)
            m++;
        if (m == c->nmistakes)
            rc = FAIL(L, "model", "the model answer marks MISTAKE(%s) (line %d), which "
                                  "\"mistakes\" does not declare", sites[i].id,
                      sites[i].line);
        else if (!c->mistakes[m].source)
            c->mistakes[m].site = true;
    }
    answer_sites_free(sites, n);
    free(text);
    return rc;
}

int sp_mistakes(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"id", "source", "message", NULL};
    jreader *r = &L->r;
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
            rc = jr_keys(r, it, ip, keys) || jr_ident(r, it, ip, "id", true, &m->id) ||
                 jr_file(r, it, ip, "source", false, false, &m->source) ||
                 jr_str(r, it, ip, "message", true, &m->message);
        if (!rc)
            rc = sp_unique(L, ip, c->mistakes, sizeof(mistake_spec), c->nmistakes - 1,
                           "mistake with id");
        free(ip);
        if (rc)
            return -1;
    }
    return mark_sites(L);
}

/* One equivalent mutant: {"line", "change", "reason"}, all non-empty. */
static int parse_equivalent(ld *L, const cJSON *it, const char *ip, equivalent_spec *e)
{
    static const char *const keys[] = {"line", "change", "reason", NULL};
    jreader *r = &L->r;
    e->path = xstrdup(ip);
    if (!cJSON_IsObject(it))
        return FAIL(L, ip, "expected {\"line\", \"change\", \"reason\"}");
    if (jr_keys(r, it, ip, keys) || jr_str(r, it, ip, "line", true, &e->line) ||
        jr_str(r, it, ip, "change", true, &e->change) ||
        jr_str(r, it, ip, "reason", true, &e->reason))
        return -1;
    if (!e->line[strspn(e->line, " \t\n")] || !e->reason[strspn(e->reason, " \t\n")])
        return FAIL(L, ip, "\"line\" and \"reason\" must not be blank");
    if (!strstr(e->change, " -> "))
        return FAIL(L, ip, "\"change\" is written as validate --mutants lists it, "
                           "e.g. \"< -> <=\"");
    return 0;
}

/* "mutants": {"equivalent": [...]}: the mutants no case can kill. */
int sp_mutants(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"equivalent", NULL};
    challenge *c = L->c;
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"equivalent\": [...]}");
    if (jr_keys(&L->r, j, path, keys))
        return -1;
    const cJSON *eq = jr_item(j, "equivalent");
    char *ep = jpath_key(path, "equivalent");
    int rc = eq && !cJSON_IsArray(eq)
                 ? FAIL(L, ep, "expected an array of {\"line\", \"change\", \"reason\"}")
                 : 0;
    c->equivalents = xcalloc((size_t)cJSON_GetArraySize(eq) + 1, sizeof(equivalent_spec));
    const cJSON *it, *items = rc ? NULL : eq;
    cJSON_ArrayForEach(it, items)
    {
        char *ip = jpath_idx(ep, c->nequivalents);
        rc = parse_equivalent(L, it, ip, &c->equivalents[c->nequivalents++]);
        free(ip);
        if (rc)
            break;
    }
    free(ep);
    return rc;
}

int sp_limits(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"wall_s", "memory_mb", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"wall_s\": seconds, \"memory_mb\": n}");
    double mem = L->c->memory_mb;
    if (jr_keys(&L->r, j, path, keys) ||
        jr_num(&L->r, j, path, "wall_s", 0.01, 600, &L->c->wall_s) ||
        jr_num(&L->r, j, path, "memory_mb", 64, 65536, &mem))
        return -1;
    L->c->memory_mb = (int)mem;
    return 0;
}

int sp_pass(ld *L, const cJSON *j, const char *path)
{
    static const char *const keys[] = {"score", "require", NULL};
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"score\": n, \"require\": [criteria]}");
    if (jr_keys(&L->r, j, path, keys) ||
        jr_num(&L->r, j, path, "score", 0, 100, &L->c->pass_score))
        return -1;
    char **req = NULL;
    int n = 0;
    int rc = jr_strs(&L->r, j, path, "require", &req, &n);
    if (req && !rc)
        L->c->pass_require = 0;
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
