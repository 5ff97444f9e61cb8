/* derive — see derive.h. */

#include "spec/derive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/cases.h"
#include "spec/contract.h"

/* The derivation's state: the drafts made so far and, while one function
 * is derived, its base case and call. */
typedef struct deriver {
    const jdoc *d;
    challenge *c;
    md_err *err;
    case_spec *drafts;
    int *base_of;           /* per draft: its base's index in c->cases */
    int n, cap;
    const function *f;      /* the function derived */
    const case_spec *base;
    int base_index;
    const call *cl;         /* f's first call in the base's sequence */
    int call;
    bool qualify;           /* case names say the function (several contracts) */
    const char *suffix;     /* added to the names (a later call), or NULL */
    bool later;             /* invalid cases go on after the rejected call */
} deriver;

/* --- drafts ------------------------------------------------------------------ */

static void draft_init(const deriver *dv, case_spec *cs, case_origin origin, const char *path)
{
    memset(cs, 0, sizeof *cs);
    cs->origin = origin;
    cs->crit = CRIT_CORRECTNESS;
    cs->base = dv->base;
    cs->wall_s = dv->base->wall_s;
    cs->path = xstrdup(path);
}

/* Sets variable var of the draft to the constant v. */
static void draft_set(case_spec *cs, const char *var, double v)
{
    for (int i = 0; i < cs->nvars; i++)
        if (strcmp(cs->vars[i].name, var) == 0) {
            expr_free(cs->vars[i].value);
            cs->vars[i].value = expr_const(v);
            return;
        }
    cs->vars = xrealloc(cs->vars, sizeof(var_def) * (size_t)(cs->nvars + 1));
    cs->vars[cs->nvars].name = xstrdup(var);
    cs->vars[cs->nvars++].value = expr_const(v);
}

/* Gives the draft its own copy of its call sequence (to rebind). */
static void own_calls(const deriver *dv, case_spec *cs)
{
    if (cs->calls)
        return;
    int n;
    const call *from = case_calls(dv->c, cs, &n);
    cs->calls = xcalloc((size_t)n + 1, sizeof(call));
    for (int i = 0; i < n; i++) {
        call *to = &cs->calls[cs->ncalls++];
        to->fn = from[i].fn;
        to->result = from[i].result ? xstrdup(from[i].result) : NULL;
        to->bind = xcalloc((size_t)from[i].nbind + 2, sizeof(binding));
        for (int k = 0; k < from[i].nbind; k++)
            to->bind[to->nbind++] = (binding){xstrdup(from[i].bind[k].param),
                                              xstrdup(from[i].bind[k].var)};
    }
}

/* Binds parameter name of the draft's call of f to variable var. */
static void rebind(const deriver *dv, case_spec *cs, const char *name, const char *var)
{
    own_calls(dv, cs);
    call *cl = &cs->calls[dv->call];
    for (int k = 0; k < cl->nbind; k++)
        if (strcmp(cl->bind[k].param, name) == 0) {
            free(cl->bind[k].var);
            cl->bind[k].var = xstrdup(var);
            return;
        }
    cl->bind[cl->nbind++] = (binding){xstrdup(name), xstrdup(var)};
}

/* The variable f's call binds to parameter name. */
static const char *bound(const deriver *dv, const char *name)
{
    for (int k = 0; k < dv->f->nparams; k++)
        if (strcmp(dv->f->params[k].name, name) == 0)
            return call_binding(dv->cl, &dv->f->params[k]);
    return name;
}

static const char *bound(const deriver *dv, const char *name);

/* Sets parameter name of f's call to v.  In a boundary or flag case, the
 * case variable it is bound to: the inputs follow it.  In an invalid case,
 * a variable of that call alone ("n (invalid)", a name no spec can write):
 * shapes follow it, generators keep the base's values, so a label
 * generator with "classes": "k" still works when k = 0. */
static void set_param(const deriver *dv, case_spec *cs, const char *name, double v)
{
    if (cs->origin != CASE_INVALID) {
        draft_set(cs, bound(dv, name), v);
        return;
    }
    char *var = xasprintf("%s (invalid)", name);
    rebind(dv, cs, name, var);
    draft_set(cs, var, v);
    free(var);
}

/* Evaluates e in the draft, at f's call; an error is located at path. */
static int eval(deriver *dv, const case_spec *cs, const expr *e, const char *path, double *out)
{
    md_err e2;
    if (case_eval(dv->c, cs, dv->call, e, out, &e2) == 0)
        return 0;
    return jdoc_fail(dv->d, dv->err, path, "in case \"%s\": %s", dv->base->name, e2.msg);
}

/* The current value of requirement r's subject and of its bounds. */
static int eval_req(deriver *dv, const case_spec *cs, const requirement *r, double *x,
                    double *lo, double *hi)
{
    *lo = *hi = 0;
    if (!r->elementwise) {
        md_err e2;
        expr *s = expr_parse(r->subject, &e2);
        int rc = eval(dv, cs, s, r->path, x);
        expr_free(s);
        if (rc != 0)
            return -1;
    }
    return (r->lo && eval(dv, cs, r->lo, r->path, lo) != 0) ||
                   (r->hi && eval(dv, cs, r->hi, r->path, hi) != 0)
               ? -1
               : 0;
}

/* --- the requirements together ---------------------------------------------- */

typedef int (*req_fn)(deriver *, const requirement *, void *);

/* Calls fn on every requirement and assumption of f (the array ones too
 * when arrays); stops at the first that returns non-zero and returns
 * that. */
static int each_req(deriver *dv, req_fn fn, void *ctx, bool arrays)
{
    const contract *k = &dv->f->contract;
    const requirement *lists[] = {k->requires, k->assumes};
    int counts[] = {k->nrequires, k->nassumes};
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < counts[l]; i++) {
            if (lists[l][i].elementwise && !arrays)
                continue;
            int rc = fn(dv, &lists[l][i], ctx);
            if (rc != 0)
                return rc;
        }
    return 0;
}

/* ... the scalar ones only (what a draft's variables can break). */
static int each_scalar(deriver *dv, req_fn fn, void *ctx)
{
    return each_req(dv, fn, ctx, false);
}

/* What repairing a draft works on: the draft, the requirement it breaks
 * on purpose (NULL for none), and the note of what was moved. */
typedef struct repair {
    case_spec *cs;
    const requirement *target;
    strbuf *note;
    const requirement *broken;   /* set by still_broken */
} repair;

/* Whether the draft breaks scalar requirement r: 1, with *to its nearest
 * valid value; 0 when it holds; -1 on an error. */
static int breaks(deriver *dv, const case_spec *cs, const requirement *r, double *to)
{
    double x, lo, hi;
    if (eval_req(dv, cs, r, &x, &lo, &hi) != 0)
        return -1;
    if (contract_holds(r, x, lo, hi))
        return 0;
    *to = contract_nearest(r, x, lo, hi);
    return 1;
}

/* Moves r's subject to its nearest valid value when the draft breaks r
 * (unless r is the target or constrains the target's subject). */
static int repair_one(deriver *dv, const requirement *r, void *ctx)
{
    repair *rp = ctx;
    if (r == rp->target || (rp->target && strcmp(r->subject, rp->target->subject) == 0))
        return 0;
    double v;
    int rc = breaks(dv, rp->cs, r, &v);
    if (rc <= 0)
        return rc;
    char num[64];
    set_param(dv, rp->cs, r->subject, v);
    sb_printf(rp->note, "; %s = %s keeps %s", r->subject, contract_num(v, num, sizeof num),
              r->text);
    return 0;
}

/* Stops (1) at the first requirement the draft still breaks, other than
 * the target. */
static int still_broken(deriver *dv, const requirement *r, void *ctx)
{
    repair *rp = ctx;
    double v;
    int rc = r == rp->target ? 0 : breaks(dv, rp->cs, r, &v);
    if (rc > 0)
        rp->broken = r;
    return rc;
}

/* Repairs the draft; 0 when it then breaks no requirement but the target,
 * 1 when one stays broken (rp->broken), -1 on an error. */
static int repair_draft(deriver *dv, repair *rp)
{
    if (each_scalar(dv, repair_one, rp) != 0)
        return -1;
    return each_scalar(dv, still_broken, rp);
}

/* --- adding drafts -------------------------------------------------------------- */

static bool name_taken(const deriver *dv, const char *name)
{
    for (int i = 0; i < dv->c->ncases; i++)
        if (strcmp(dv->c->cases[i].name, name) == 0)
            return true;
    for (int i = 0; i < dv->n; i++)
        if (strcmp(dv->drafts[i].name, name) == 0)
            return true;
    return false;
}

/* Keeps a finished draft under its name; a name a written case has is an
 * error, one an earlier draft has is the same case again (dropped). */
static int keep(deriver *dv, case_spec *cs, strbuf *name, strbuf *note)
{
    if (dv->suffix)
        sb_add(name, dv->suffix);
    if (dv->qualify)
        sb_printf(name, " (%s)", dv->f->name);
    cs->name = sb_take(name);
    cs->note = sb_take(note);
    for (int i = 0; i < dv->c->ncases; i++)
        if (strcmp(dv->c->cases[i].name, cs->name) == 0) {
            jdoc_fail(dv->d, dv->err, cs->path, "the derived case \"%s\" has the name of a "
                                                "case of the spec: rename that case",
                      cs->name);
            spec_case_free(cs);
            return -1;
        }
    if (name_taken(dv, cs->name)) {
        spec_case_free(cs);
        return 0;
    }
    if (dv->n == dv->cap) {
        dv->cap = dv->cap ? 2 * dv->cap : 16;
        dv->drafts = xrealloc(dv->drafts, sizeof(case_spec) * (size_t)dv->cap);
        dv->base_of = xrealloc(dv->base_of, sizeof(int) * (size_t)dv->cap);
    }
    dv->base_of[dv->n] = dv->base_index;
    dv->drafts[dv->n++] = *cs;
    return 0;
}

/* Leaves a draft out, saying why. */
static void leave_out(deriver *dv, case_spec *cs, strbuf *name, const char *why)
{
    challenge *c = dv->c;
    c->derive_notes = xrealloc(c->derive_notes, sizeof(char *) * (size_t)(c->nderive_notes + 1));
    c->derive_notes[c->nderive_notes++] =
        xasprintf("%s: \"%s\" is left out: %s", dv->f->name, sb_str(name), why);
    sb_free(name);
    spec_case_free(cs);
}

/* Repairs a draft and keeps it, or leaves it out when it cannot break
 * exactly what it should. */
static int finish(deriver *dv, case_spec *cs, const requirement *target, strbuf *name,
                  strbuf *note)
{
    repair rp = {cs, target, note, NULL};
    int rc = repair_draft(dv, &rp);
    if (rc < 0) {
        sb_free(name);
        sb_free(note);
        spec_case_free(cs);
        return -1;
    }
    if (rc > 0) {
        char *why = xasprintf("it leaves %s broken, whatever the other arguments",
                              rp.broken->text);
        sb_free(note);
        leave_out(dv, cs, name, why);
        free(why);
        return 0;
    }
    return keep(dv, cs, name, note);
}

/* --- invalid cases ------------------------------------------------------------- */

/* The checks of a rejected call: its return value, and its outputs
 * untouched unless "rejects" says "any". */
static int rejection_checks(deriver *dv, case_spec *cs, const requirement *r)
{
    const contract *k = &dv->f->contract;
    int nout = 0;
    for (int p = 0; p < dv->f->nparams; p++)
        nout += dv->f->params[p].array && dv->f->params[p].dir != DIR_IN;
    cs->checks = xcalloc((size_t)nout + 2, sizeof(check));
    if (k->reject_null || k->reject_value_set) {
        if (!dv->cl->result)
            return jdoc_fail(dv->d, dv->err, k->path, "the call of %s in case \"%s\" keeps "
                             "no result, so a rejection cannot be checked (give the call "
                             "a \"result\")", dv->f->name, dv->base->name);
        check *ck = &cs->checks[cs->nchecks++];
        *ck = (check){.output = xstrdup(dv->cl->result), .kind = CMP_EQUAL, .has_value = true,
                      .value = k->reject_value, .path = xstrdup(r->path)};
    }
    for (int p = 0; k->untouched && p < dv->f->nparams; p++) {
        const param *pp = &dv->f->params[p];
        if (pp->array && pp->dir != DIR_IN)
            cs->checks[cs->nchecks++] = (check){.output = xstrdup(call_binding(dv->cl, pp)),
                                                .kind = CMP_UNTOUCHED,
                                                .path = xstrdup(r->path)};
    }
    return 0;
}

/* What a rejection must do, for a note: "return NULL and leave loss and
 * n_iter untouched". */
static void rejection_words(const deriver *dv, strbuf *sb)
{
    const contract *k = &dv->f->contract;
    char num[64];
    if (k->reject_null || k->reject_value_set)
        sb_printf(sb, "return %s", k->reject_null ? "NULL"
                                                  : contract_num(k->reject_value, num,
                                                                 sizeof num));
    bool outputs = false;
    for (int p = 0; p < dv->f->nparams; p++)
        outputs |= dv->f->params[p].array && dv->f->params[p].dir != DIR_IN;
    if (k->untouched && outputs) {
        sb_add(sb, k->reject_null || k->reject_value_set ? " and leave " : "leave ");
        contract_outputs_text(dv->f, "and", sb);
        sb_add(sb, " untouched");
    }
}

/* Sets a fast path's parameters in the draft. */
static int apply_fast(deriver *dv, case_spec *cs, const fast_path *fp)
{
    for (int i = 0; i < fp->nvars; i++) {
        double v;
        if (eval(dv, cs, fp->vars[i].value, dv->f->contract.path, &v) != 0)
            return -1;
        draft_set(cs, bound(dv, fp->vars[i].name), v);
    }
    return 0;
}

/* Whether the fast path sets r's subject (then r is not tried with it). */
static bool fast_sets(const fast_path *fp, const requirement *r)
{
    for (int i = 0; fp && i < fp->nvars; i++)
        if (strcmp(fp->vars[i].name, r->subject) == 0)
            return true;
    return false;
}

/* Whether call cl only releases handles that calls[0..n) returned: a
 * release function (model.h) whose handles one of them stores. */
static bool releases_kept(const challenge *c, const call *cl, const call *calls, int n)
{
    const function *f = &c->functions[cl->fn];
    if (!function_releases(f))
        return false;
    for (int p = 0; p < f->nparams; p++) {
        const char *var = call_binding(cl, &f->params[p]);
        bool made = false;
        for (int i = 0; i < n && !made; i++)
            made = calls[i].result && strcmp(calls[i].result, var) == 0;
        if (!made)
            return false;
    }
    return true;
}

/* An invalid case stops after the rejected call: what later calls do with
 * arguments it refused is not specified (and its smaller arrays need not
 * fit them).  Calls that only release handles stay, so that nothing an
 * earlier call made leaks. */
static void stop_after_rejection(const deriver *dv, case_spec *cs)
{
    own_calls(dv, cs);
    int kept = dv->call + 1;
    for (int i = dv->call + 1; i < cs->ncalls; i++) {
        call *cl = &cs->calls[i];
        if (releases_kept(dv->c, cl, cs->calls, kept)) {
            cs->calls[kept++] = *cl;
            continue;
        }
        for (int k = 0; k < cl->nbind; k++) {
            free(cl->bind[k].param);
            free(cl->bind[k].var);
        }
        free(cl->bind);
        free(cl->result);
    }
    cs->ncalls = kept;
}

/* Where an array requirement is broken or put on its edge: an element
 * poked after generating (poke.at: 0 the first, -1 the last), and the word
 * a case's name says it with.  A check that starts late (y[1]) or stops
 * early (i < n - 1) misses one end, so an invalid case is made at each. */
typedef struct element_at {
    long long at;
    const char *word;
} element_at;

static const element_at both_ends[] = {{0, "first"}, {-1, "last"}};
static const element_at last_end[] = {{-1, "last"}};

/* Sets r's subject to v in the draft, a parameter or one element of an
 * array (el), and names the case "KIND: n = 0" or "KIND: last element of
 * y = 3"; the note gets the same words ("the last element of y = 3"). */
static void set_subject(const deriver *dv, case_spec *cs, const requirement *r,
                        const element_at *el, double v, const char *kind, strbuf *name,
                        strbuf *note)
{
    char num[64];
    contract_num(v, num, sizeof num);
    if (r->elementwise) {
        cs->pokes = xcalloc(1, sizeof(poke));
        cs->pokes[cs->npokes++] = (poke){xstrdup(bound(dv, r->subject)), el->at, v};
        sb_printf(name, "%s: %s element of %s = %s", kind, el->word, r->subject, num);
        sb_printf(note, "the %s element of %s = %s", el->word, r->subject, num);
    } else {
        set_param(dv, cs, r->subject, v);
        sb_printf(name, "%s: %s = %s", kind, r->subject, num);
        sb_printf(note, "%s = %s", r->subject, num);
    }
}

/* After a rejection on a later call the calls go on, held to the base
 * case's checks: a rejection that still changed the state shows. */
static void go_on_after_rejection(const deriver *dv, case_spec *cs, strbuf *note)
{
    int n;
    const check *base = case_checks(dv->c, dv->base, &n);
    cs->checks = xrealloc(cs->checks, sizeof(check) * (size_t)(cs->nchecks + n + 1));
    for (int i = 0; i < n; i++)
        check_copy(&cs->checks[cs->nchecks++], &base[i]);
    sb_add(note, "; the calls after it go on as if it had not been made");
}

/* One invalid case: r broken by value v (at element el of an array), on
 * fast path fp (or none). */
static int violation(deriver *dv, const requirement *r, const fast_path *fp,
                     const element_at *el, double v)
{
    case_spec cs;
    draft_init(dv, &cs, CASE_INVALID, r->path);
    if (!dv->later)
        stop_after_rejection(dv, &cs);
    strbuf name = {0}, note = {0};
    if (fp && apply_fast(dv, &cs, fp) != 0) {
        spec_case_free(&cs);
        return -1;
    }
    sb_printf(&note, "%s requires %s: with ", dv->f->name, r->text);
    set_subject(dv, &cs, r, el, v, "invalid", &name, &note);
    if (fp)
        sb_printf(&name, ", with %s", fp->name);
    sb_add(&note, " it must ");
    rejection_words(dv, &note);
    if (fp)
        sb_printf(&note, ", even on its fast path %s", fp->name);
    if (rejection_checks(dv, &cs, r) != 0) {
        sb_free(&name);
        sb_free(&note);
        spec_case_free(&cs);
        return -1;
    }
    if (dv->later)
        go_on_after_rejection(dv, &cs, &note);
    return finish(dv, &cs, r, &name, &note);
}

/* The invalid cases of requirement r on fast path fp (or none). */
static int violations(deriver *dv, const requirement *r, const fast_path *fp)
{
    if (fast_sets(fp, r))
        return 0;
    case_spec probe;
    draft_init(dv, &probe, CASE_INVALID, r->path);
    double x, lo, hi, v[2];
    int rc = fp ? apply_fast(dv, &probe, fp) : 0;
    if (rc == 0)
        rc = eval_req(dv, &probe, r, &x, &lo, &hi);
    spec_case_free(&probe);
    if (rc != 0)
        return -1;
    int n = contract_violations(r, lo, hi, v);
    const element_at *ends = r->elementwise ? both_ends : last_end;
    int nends = r->elementwise ? 2 : 1;
    for (int i = 0; i < n; i++)
        for (int e = 0; e < nends; e++)
            if (violation(dv, r, fp, &ends[e], v[i]) != 0)
                return -1;
    return 0;
}

/* A fast path's own values must satisfy every requirement in the base. */
static int check_fast(deriver *dv, const fast_path *fp, const char *path)
{
    case_spec cs;
    draft_init(dv, &cs, CASE_INVALID, path);
    repair rp = {&cs, NULL, NULL, NULL};
    int rc = apply_fast(dv, &cs, fp);
    if (rc == 0)
        rc = each_scalar(dv, still_broken, &rp);
    spec_case_free(&cs);
    if (rc > 0)
        return jdoc_fail(dv->d, dv->err, path, "the fast path \"%s\" breaks %s in case "
                         "\"%s\"", fp->name, rp.broken->text, dv->base->name);
    return rc;
}

static int derive_invalid(deriver *dv)
{
    const contract *k = &dv->f->contract;
    for (int f = 0; f < k->nfast; f++) {
        char *fp = xasprintf("%s.fast_paths[%d]", k->path, f);
        int rc = check_fast(dv, &k->fast[f], fp);
        free(fp);
        if (rc != 0)
            return -1;
    }
    for (int i = 0; i < k->nrequires; i++)
        if (violations(dv, &k->requires[i], NULL) != 0)
            return -1;
    for (int f = 0; f < k->nfast; f++)
        for (int i = 0; i < k->nrequires; i++)
            if (violations(dv, &k->requires[i], &k->fast[f]) != 0)
                return -1;
    return 0;
}

/* The first (or the last) call of f in case cs, or -1. */
static int call_of(const challenge *c, const case_spec *cs, int fn, bool last)
{
    int n, at = -1;
    const call *calls = case_calls(c, cs, &n);
    for (int i = 0; i < n && (last || at < 0); i++)
        if (calls[i].fn == fn)
            at = i;
    return at;
}

/* Whether f works on a handle it is given (an inout handle): a function
 * called again on the same state, whose later calls must reject too. */
static bool keeps_state(const function *f)
{
    for (int p = 0; p < f->nparams; p++)
        if (f->params[p].type == VT_HANDLE && f->params[p].dir == DIR_INOUT)
            return true;
    return false;
}

/* Each violation again on the last call of a function that keeps state:
 * a check made only on a new state, or a rejection that changes it. */
static int derive_invalid_later(deriver *dv, int fn)
{
    const contract *k = &dv->f->contract;
    int first = dv->call, last = call_of(dv->c, dv->base, fn, true);
    if (!keeps_state(dv->f) || last <= first)
        return 0;
    int n;
    const call *saved = dv->cl;
    dv->call = last;
    dv->cl = &case_calls(dv->c, dv->base, &n)[last];
    dv->suffix = ", on a later call";
    dv->later = true;
    int rc = 0;
    for (int i = 0; i < k->nrequires && rc == 0; i++)
        rc = violations(dv, &k->requires[i], NULL);
    dv->suffix = NULL;
    dv->later = false;
    dv->call = first;
    dv->cl = saved;
    return rc;
}

/* --- boundary and flag cases ------------------------------------------------- */

/* The boundary cases of requirement r: its edges (for an array, its last
 * element on each), compared with the reference. */
static int boundaries(deriver *dv, const requirement *r, void *ctx)
{
    (void)ctx;
    case_spec probe;
    draft_init(dv, &probe, CASE_BOUNDARY, r->path);
    double x, lo, hi, v[2];
    int rc = eval_req(dv, &probe, r, &x, &lo, &hi);
    spec_case_free(&probe);
    if (rc != 0)
        return -1;
    int n = contract_boundaries(r, lo, hi, v);
    for (int i = 0; i < n; i++) {
        case_spec cs;
        draft_init(dv, &cs, CASE_BOUNDARY, r->path);
        strbuf name = {0}, note = {0};
        set_subject(dv, &cs, r, last_end, v[i], "boundary", &name, &note);
        sb_printf(&note, " is the edge of %s: still valid, compared with the reference",
                  r->text);
        if (finish(dv, &cs, r, &name, &note) != 0)
            return -1;
    }
    return 0;
}

/* The flag cases: each flag that the base sets to non-zero, set to 2 and
 * to -1 instead. */
static int flags(deriver *dv)
{
    static const double values[] = {2, -1};
    const contract *k = &dv->f->contract;
    for (int i = 0; i < k->nflags; i++) {
        requirement any = {.subject = k->flags[i], .path = k->path};
        case_spec cs;
        double x, lo, hi;
        draft_init(dv, &cs, CASE_FLAG, k->path);
        int rc = eval_req(dv, &cs, &any, &x, &lo, &hi);
        spec_case_free(&cs);
        if (rc != 0)
            return -1;
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            strbuf name = {0}, note = {0};
            sb_printf(&name, "flag: %s = %g", k->flags[i], values[v]);
            draft_init(dv, &cs, CASE_FLAG, k->path);
            if (x == 0) {
                leave_out(dv, &cs, &name, "the base case passes 0");
                continue;
            }
            set_param(dv, &cs, k->flags[i], values[v]);
            sb_printf(&note, "%s = %g: any non-zero value means true, as 1 does", k->flags[i],
                      values[v]);
            if (finish(dv, &cs, &any, &name, &note) != 0)
                return -1;
        }
    }
    return 0;
}

/* --- the base case --------------------------------------------------------------- */


/* The case f's derived cases start from: "derive_from", else the first
 * hidden correctness case that calls f, else the first that calls it. */
static int find_base(deriver *dv, int fn)
{
    const challenge *c = dv->c;
    const contract *k = &dv->f->contract;
    int best = -1;
    for (int i = 0; i < c->ncases; i++) {
        const case_spec *cs = &c->cases[i];
        bool named = k->derive_from && strcmp(cs->name, k->derive_from) == 0;
        if (k->derive_from ? !named : call_of(c, cs, fn, false) < 0)
            continue;
        if (named || best < 0 ||
            (cs->crit == CRIT_CORRECTNESS && !cs->visible &&
             !(c->cases[best].crit == CRIT_CORRECTNESS && !c->cases[best].visible)))
            best = i;
    }
    char *p = xasprintf("%s%s", k->path, k->derive_from ? ".derive_from" : "");
    int rc = 0;
    if (best < 0 && k->derive_from)
        rc = jdoc_fail(dv->d, dv->err, p, "no case is named \"%s\"", k->derive_from);
    else if (best < 0 || call_of(c, &c->cases[best], fn, false) < 0)
        rc = jdoc_fail(dv->d, dv->err, p, "%s%s%s calls %s, so nothing can be derived "
                                          "from its contract",
                       best < 0 ? "no case" : "case \"", best < 0 ? "" : c->cases[best].name,
                       best < 0 ? "" : "\" never", dv->f->name);
    free(p);
    if (rc)
        return -1;
    dv->base_index = best;
    dv->base = &c->cases[best];
    dv->call = call_of(c, dv->base, fn, false);
    int n;
    dv->cl = &case_calls(c, dv->base, &n)[dv->call];
    return 0;
}

/* --- release cases ------------------------------------------------------------- */

/* The release case of release function fn (model.h): the function alone,
 * every handle NULL, as a caller frees whatever a rejected fit returned.
 * The ABI says a release accepts NULL (free does), so the call must
 * simply return: no checks, a crash fails the case.  It starts from the
 * first case that calls fn (its limits); nothing calls fn, nothing is
 * derived. */
static int release_case(deriver *dv, int fn)
{
    const challenge *c = dv->c;
    dv->f = &c->functions[fn];
    dv->base_index = -1;
    for (int i = 0; i < c->ncases && dv->base_index < 0; i++)
        if (call_of(c, &c->cases[i], fn, false) >= 0)
            dv->base_index = i;
    if (dv->base_index < 0)
        return 0;
    dv->base = &c->cases[dv->base_index];
    case_spec cs;
    draft_init(dv, &cs, CASE_RELEASE, dv->f->contract.path ? dv->f->contract.path : "functions");
    cs.calls = xcalloc(1, sizeof(call));
    cs.ncalls = 1;
    cs.calls[0].fn = fn;
    cs.calls[0].bind = xcalloc((size_t)dv->f->nparams, sizeof(binding));
    strbuf name = {0}, note = {0};
    sb_printf(&name, "release: %s(", dv->f->name);
    for (int p = 0; p < dv->f->nparams; p++) {
        cs.calls[0].bind[cs.calls[0].nbind++] =
            (binding){xstrdup(dv->f->params[p].name), xstrdup(CALL_NULL_HANDLE)};
        sb_add(&name, p ? ", NULL" : "NULL");
    }
    sb_add(&name, ")");
    cs.checks = xcalloc(1, sizeof(check));  /* none, not the base's */
    sb_add(&note, "a caller releases whatever it was given, NULL from a rejected call "
                  "included: the ABI's release accepts NULL, as free() does");
    return keep(dv, &cs, &name, &note);
}

/* --- the whole derivation ---------------------------------------------------------- */

/* Moves the drafts to the end of c->cases, pointing each at its base. */
static void commit(deriver *dv)
{
    challenge *c = dv->c;
    c->cases = xrealloc(c->cases, sizeof(case_spec) * (size_t)(c->ncases + dv->n + 1));
    for (int i = 0; i < dv->n; i++) {
        c->cases[c->ncases + i] = dv->drafts[i];
        c->cases[c->ncases + i].base = &c->cases[dv->base_of[i]];
    }
    c->ncases += dv->n;
    dv->n = 0;
}

int derive_cases(const jdoc *d, challenge *c, md_err *err)
{
    deriver dv = {.d = d, .c = c, .err = err};
    int ncontracts = 0, rc = 0;
    for (int i = 0; i < c->nfunctions; i++)
        ncontracts += contract_declared(&c->functions[i]);
    dv.qualify = ncontracts > 1;
    for (int i = 0; i < c->nfunctions && rc == 0; i++) {
        dv.f = &c->functions[i];
        if (!contract_declared(dv.f))
            continue;
        rc = find_base(&dv, i);
        if (rc == 0)
            rc = derive_invalid(&dv);
        if (rc == 0)
            rc = derive_invalid_later(&dv, i);
        if (rc == 0)
            rc = each_req(&dv, boundaries, NULL, true);
        if (rc == 0)
            rc = flags(&dv);
    }
    dv.qualify = false;     /* a release case's name says its function */
    for (int i = 0; i < c->nfunctions && rc == 0; i++)
        if (function_releases(&c->functions[i]))
            rc = release_case(&dv, i);
    if (rc == 0)
        commit(&dv);
    for (int i = 0; i < dv.n; i++)
        spec_case_free(&dv.drafts[i]);
    free(dv.drafts);
    free(dv.base_of);
    return rc;
}
