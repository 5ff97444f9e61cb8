/* shrink — the grading stage (shrink.h): the variables of a case that
 * shrink, smaller cases made and checked against the spec's constraints,
 * run in rounds beside the reference, judged, and the smallest that
 * fails the same way put in the report. */

#include "grade/shrink.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/cases.h"
#include "spec/contract.h"
#include "spec/gen.h"

/* --- the variables that shrink ------------------------------------------------ */

/* A set of names (borrowed). */
typedef struct names {
    const char **v;
    int n;
} names;

static void names_add(void *ctx, const char *name)
{
    names *s = ctx;
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return;
    s->v = xrealloc(s->v, sizeof(char *) * (size_t)(s->n + 1));
    s->v[s->n++] = name;
}

/* Names in an array's shape, as the variables its call binds them to. */
typedef struct shape_names {
    names *out;
    const function *f;
    const call *cl;
} shape_names;

static void shape_name(void *ctx, const char *name)
{
    shape_names *sn = ctx;
    for (int k = 0; k < sn->f->nparams; k++) {
        const param *p = &sn->f->params[k];
        if (!p->array && strcmp(p->name, name) == 0) {
            names_add(sn->out, call_binding(sn->cl, p));
            return;
        }
    }
    names_add(sn->out, name);
}

/* The names of a generator's expressions (gen_each_expr's callback). */
static int gen_expr_names(void *ctx, const expr *e, const char *sub)
{
    (void)sub;
    expr_names(e, names_add, ctx);
    return 0;
}

static void count_name(void *ctx, const char *name)
{
    (void)name;
    (*(int *)ctx)++;
}

/* Whether name is a variable written as a whole number >= 2 in the spec
 * (not an expression of others). */
static bool shrinkable(const challenge *c, const case_inst *ci, const char *name)
{
    const var_def *d = case_var_def(c, ci->spec, name);
    const value *v = case_value(ci, name);
    int refs = 0;
    if (d)
        expr_names(d->value, count_name, &refs);
    return d && refs == 0 && v && v->role == ROLE_VAR && v->num >= 2 &&
           v->num == floor(v->num) && v->num < 1e9;
}

int shrink_vars(const challenge *c, const case_inst *ci, const char ***out)
{
    names all = {0};
    for (int k = 0; k < ci->ncalls; k++) {
        shape_names sn = {&all, &c->functions[ci->calls[k].fn], &ci->calls[k]};
        for (int p = 0; p < sn.f->nparams; p++)
            for (int s = 0; sn.f->params[p].array && s < sn.f->params[p].ndim; s++)
                expr_names(sn.f->params[p].shape[s], shape_name, &sn);
    }
    for (int i = 0; i < ci->nvals; i++) {
        const input_def *in = case_input_def(c, ci->spec, ci->vals[i].name);
        if (in && ci->vals[i].array)
            gen_each_expr(in->gen, gen_expr_names, &all);
    }
    /* through variables defined in terms of others (d = "n/2": n) */
    for (int i = 0; i < all.n; i++) {
        const var_def *d = case_var_def(c, ci->spec, all.v[i]);
        if (d)
            expr_names(d->value, names_add, &all);
    }
    int n = 0;
    *out = xcalloc((size_t)all.n + 1, sizeof(char *));
    for (int i = 0; i < all.n; i++)
        if (shrinkable(c, ci, all.v[i]))
            (*out)[n++] = case_var_def(c, ci->spec, all.v[i])->name;
    free(all.v);
    return n;
}

/* --- constraints ------------------------------------------------------------------ */

/* The size of a case: its arrays' elements, then its shrinking variables. */
static shrink_size size_of(const case_inst *ci, const shrink_search *s)
{
    shrink_size z = {0, 0};
    for (int i = 0; i < ci->nvals; i++)
        if (ci->vals[i].array)
            z.elems += ci->vals[i].count;
    for (int k = 0; k < s->nvars; k++)
        z.vars += (long long)case_value(ci, s->vars[k].name)->num;
    return z;
}

/* Names a generator counts with, held by a case's whole-number variables. */
static bool count_exceeds_rows(const case_inst *ci, const value *a, const names *ns)
{
    for (int k = 0; k < ns->n; k++) {
        const value *v = case_value(ci, ns->v[k]);
        if (v && v->role == ROLE_VAR && v->num == floor(v->num) && v->num > value_rows(a))
            return true;
    }
    return false;
}

/* A generator's counts (classes, centers, vocab) stay at most the rows
 * they fill where they were: "classes <= n". */
static bool keeps_counts(const challenge *c, const case_inst *orig, const case_inst *cand)
{
    bool ok = true;
    for (int i = 0; i < cand->nvals && ok; i++) {
        const value *a = &cand->vals[i], *a0 = case_value(orig, a->name);
        const input_def *in = case_input_def(c, cand->spec, a->name);
        if (!in || !a->array || !a0)
            continue;
        names ns = {0};
        gen_each_expr(in->gen, gen_expr_names, &ns);
        ok = count_exceeds_rows(orig, a0, &ns) || !count_exceeds_rows(cand, a, &ns);
        free(ns.v);
    }
    return ok;
}

/* Names as one call of a case sees them: its scalar parameters stand for
 * the variables bound to them. */
typedef struct callenv {
    const case_inst *ci;
    const function *f;
    const call *cl;
} callenv;

static int callenv_lookup(void *ctx, const char *name, double *out)
{
    const callenv *e = ctx;
    for (int k = 0; k < e->f->nparams; k++) {
        const param *p = &e->f->params[k];
        if (!p->array && strcmp(p->name, name) == 0) {
            name = call_binding(e->cl, p);
            break;
        }
    }
    return case_lookup((void *)e->ci, name, out);
}

/* Whether requirement r of call k holds in ci: 1, 0, or -1 when it cannot
 * be told (a bound on a result, a subject not passed). */
static int req_holds(const case_inst *ci, int k, const requirement *r)
{
    callenv e = {ci, &ci->ch->functions[ci->calls[k].fn], &ci->calls[k]};
    double lo = 0, hi = 0, x;
    md_err err;
    if ((r->lo && expr_eval(r->lo, callenv_lookup, &e, &lo, &err) != 0) ||
        (r->hi && expr_eval(r->hi, callenv_lookup, &e, &hi, &err) != 0))
        return -1;
    if (!r->elementwise)
        return callenv_lookup(&e, r->subject, &x) != 0 ? -1 : contract_holds(r, x, lo, hi);
    for (int p = 0; p < e.f->nparams; p++) {
        if (strcmp(e.f->params[p].name, r->subject) != 0)
            continue;
        const value *v = case_value(ci, call_binding(e.cl, &e.f->params[p]));
        if (!v || !v->array || !v->data)
            return -1;
        for (long long i = 0; i < v->count; i++)
            if (!contract_holds(r, value_get(v, i), lo, hi))
                return 0;
        return 1;
    }
    return -1;
}

/* Every requirement and assumption of the calls' contracts that held in
 * the original holds in the candidate. */
static bool keeps_contracts(const case_inst *orig, const case_inst *cand)
{
    for (int k = 0; k < cand->ncalls && k < orig->ncalls; k++) {
        const contract *ct = &cand->ch->functions[cand->calls[k].fn].contract;
        for (int i = 0; i < ct->nrequires + ct->nassumes; i++) {
            const requirement *r = i < ct->nrequires ? &ct->requires[i]
                                                     : &ct->assumes[i - ct->nrequires];
            if (req_holds(orig, k, r) == 1 && req_holds(cand, k, r) == 0)
                return false;
        }
    }
    return true;
}

/* --- judging a run -------------------------------------------------------------- */

/* How a run fails: the status, and the first failing check (gradient
 * checks aside) or the fault and its buffer. */
typedef struct failure {
    xstatus status;
    int fault;
    const char *buffer;    /* borrowed from the run */
    int check;             /* -1: none failed */
} failure;

/* The failure of the solution's run u of ci beside the reference's ref;
 * msg (when not NULL) gets the failing checks' messages, or the fault's. */
static failure failure_of(const case_inst *ci, const xrun *u, const xrun *ref, strbuf *msg)
{
    failure f = {u->status, u->fault, u->fault_buffer, -1};
    if (u->status != XS_OK) {
        if (msg)
            sb_add(msg, u->message ? u->message : xstatus_name(u->status));
        return f;
    }
    cmp_env got = {ci, u->vals, u->nvals}, exp = {ci, ref->vals, ref->nvals};
    for (int k = 0; k < ci->nchecks; k++) {
        if (ci->checks[k].kind == CMP_GRADCHECK)
            continue;
        cmp_outcome o;
        compare_check(&ci->checks[k], &got, &exp, &o);
        if (o.ok)
            continue;
        if (f.check < 0)
            f.check = k;
        if (msg)
            sb_printf(msg, "%s%s", msg->len ? "; " : "", o.message);
    }
    return f;
}

static bool same_failure(const failure *a, const failure *b)
{
    if (a->status != b->status)
        return false;
    if (a->status == XS_OK)
        return a->check >= 0 && a->check == b->check;
    return a->fault == b->fault &&
           (a->buffer ? b->buffer && strcmp(a->buffer, b->buffer) == 0 : !b->buffer);
}

/* The reference ran the candidate cleanly and accepted it as it accepted
 * the original: no NULL model, no negative return, where it gave none. */
static bool ref_accepts(const xrun *ref, const xrun *orig)
{
    if (ref->status != XS_OK)
        return false;
    for (int i = 0; i < orig->nvals; i++) {
        const value *o = &orig->vals[i], *v = NULL;
        if (o->role != ROLE_RESULT || !o->present)
            continue;
        for (int k = 0; k < ref->nvals && !v; k++)
            if (strcmp(ref->vals[k].name, o->name) == 0)
                v = &ref->vals[k];
        if (!v || !v->present)
            return false;
        if (o->type == VT_HANDLE ? o->num != 0 && v->num == 0 : o->num >= 0 && v->num < 0)
            return false;
    }
    return true;
}

/* --- the search run ----------------------------------------------------------- */

/* A failed case being shrunk. */
typedef struct target {
    int i;                   /* the case in x->cases */
    const case_inst *orig;
    const xrun *user, *ref;  /* its runs */
    failure want;
    shrink_search s;
    shrink_size orig_size;
    double wall;             /* each candidate's wall-clock limit */
    case_inst *best;         /* the smallest that failed the same way, or NULL */
    char *message;           /* how it fails */
    int tried;
} target;

/* One candidate of a round: made (inst) unless it broke a constraint. */
typedef struct trial {
    target *t;
    shrink_cand *cands;      /* the target's candidates this round */
    int ncands;
    case_inst **inst;        /* [ncands]: NULL when not run */
    bool *fails;
    shrink_size *size;
    char **msg;              /* [ncands]: how each that failed the same way fails */
} trial;

/* Candidate values as variables given to case_instantiate_vars. */
static case_inst *make_candidate(const pipeline *x, const target *t, const shrink_cand *c,
                                 shrink_size *size)
{
    case_var *set = xcalloc((size_t)t->s.nvars + 1, sizeof(case_var));
    for (int k = 0; k < t->s.nvars; k++)
        set[k] = (case_var){t->s.vars[k].name, (double)c->values[k]};
    case_inst *ci = xcalloc(1, sizeof *ci);
    md_err err;
    int rc = case_instantiate_vars(x->c, t->orig->spec, x->seed, set, t->s.nvars, ci, &err);
    free(set);
    if (rc == 0) {
        *size = size_of(ci, &t->s);
        bool bytes_ok = case_bytes(ci) <= ((size_t)x->c->memory_mb << 20);
        if (bytes_ok && shrink_smaller(*size, t->s.size) && keeps_counts(x->c, t->orig, ci) &&
            keeps_contracts(t->orig, ci))
            return ci;
        case_inst_free(ci);
    }
    free(ci);
    return NULL;
}

/* The next candidates of target t, made, into tr; returns how many run. */
static int plan_trial(const pipeline *x, target *t, trial *tr)
{
    memset(tr, 0, sizeof *tr);
    tr->t = t;
    tr->ncands = shrink_next(&t->s, &tr->cands);
    tr->inst = xcalloc((size_t)tr->ncands + 1, sizeof(case_inst *));
    tr->fails = xcalloc((size_t)tr->ncands + 1, sizeof(bool));
    tr->size = xcalloc((size_t)tr->ncands + 1, sizeof(shrink_size));
    tr->msg = xcalloc((size_t)tr->ncands + 1, sizeof(char *));
    int n = 0;
    for (int k = 0; k < tr->ncands; k++)
        n += (tr->inst[k] = make_candidate(x, t, &tr->cands[k], &tr->size[k])) != NULL;
    return n;
}

static void trial_free(trial *tr)
{
    for (int k = 0; k < tr->ncands; k++) {
        if (tr->inst[k])
            case_inst_free(tr->inst[k]);
        free(tr->inst[k]);
        free(tr->msg[k]);
    }
    free(tr->msg);
    free(tr->inst);
    free(tr->fails);
    free(tr->size);
    shrink_cands_free(tr->cands, tr->ncands);
}

/* Runs the made candidates of tr[0..nt) beside the reference, in one
 * exec_run, and judges each (tr->fails, tr->msg). */
static int run_trials(pipeline *x, trial *tr, int nt, md_err *err)
{
    int n = 0;
    for (int j = 0; j < nt; j++)
        for (int k = 0; k < tr[j].ncands; k++)
            n += tr[j].inst[k] != NULL;
    case_inst **all = xcalloc((size_t)n + 1, sizeof(case_inst *));
    double *wall = xcalloc((size_t)n + 1, sizeof(double));
    n = 0;
    for (int j = 0; j < nt; j++)
        for (int k = 0; k < tr[j].ncands; k++)
            if (tr[j].inst[k]) {
                wall[n] = tr[j].t->wall;
                all[n++] = tr[j].inst[k];
            }
    /* a generator program that fails at a smaller size: nothing is
     * learnt from this round, and the grading goes on */
    md_err gerr;
    if (pipeline_generate(x, all, n, &gerr) != 0) {
        free(all);
        free(wall);
        return 0;
    }
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    layout *lay = layout_build(all, n, &lo, err);
    exec_job jobs[2] = {{0}, {0}};
    jobs[0].so = x->jobs[0].so;
    jobs[0].sanitize = x->jobs[0].sanitize;
    jobs[1].so = x->jobs[1].so;
    jobs[0].wall_s = jobs[1].wall_s = wall;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    int rc = lay ? exec_run(lay, jobs, 2, &eo, err) : -1;
    for (int j = 0, r = 0; rc == 0 && !jobs[0].error && !jobs[1].error && j < nt; j++)
        for (int k = 0; k < tr[j].ncands; k++) {
            if (!tr[j].inst[k])
                continue;
            const xrun *u = &jobs[0].runs[r], *ref = &jobs[1].runs[r++];
            strbuf msg = {0};
            failure f = failure_of(tr[j].inst[k], u, ref, &msg);
            tr[j].fails[k] = ref_accepts(ref, tr[j].t->ref) && same_failure(&f, &tr[j].t->want);
            tr[j].msg[k] = sb_take(&msg);
            tr[j].t->tried++;
        }
    exec_job_clear(&jobs[0]);
    exec_job_clear(&jobs[1]);
    layout_free(lay);
    free(all);
    free(wall);
    return rc;
}

/* The wall-clock limit of each candidate of a case: a few times what the
 * case took, within the case's own limit (a smaller case is faster). */
static double candidate_wall(const case_inst *ci, const xrun *u)
{
    double w = fmax(0.1, 5 * u->wall_s);
    return ci->spec->wall_s > 0 ? fmin(w, ci->spec->wall_s) : w;
}

/* Target t for case i of x, failed as r says; false when it is not one:
 * visible, organization, timed out or out of memory, derived to be
 * rejected, a flag or release case (nothing to make smaller), or failing
 * only a gradient check. */
static bool make_target(const pipeline *x, const report *r, int i, target *t)
{
    const rcase *rc = &r->cases[i];
    const case_inst *ci = x->cases[i];
    memset(t, 0, sizeof *t);
    /* a limit that ran out costs the limit again on every try */
    if (rc->status == CS_PASS || rc->status == CS_TIMEOUT || rc->status == CS_MEMORY ||
        rc->visible ||
        (rc->crit != CRIT_CORRECTNESS && rc->crit != CRIT_STABILITY) ||
        ci->spec->origin == CASE_INVALID || ci->spec->origin == CASE_FLAG ||
        ci->spec->origin == CASE_RELEASE)
        return false;
    *t = (target){.i = i, .orig = ci, .user = &x->jobs[0].runs[i], .ref = &x->jobs[1].runs[i]};
    t->want = failure_of(ci, t->user, t->ref, NULL);
    if (t->want.status == XS_OK && t->want.check < 0)
        return false;
    const char **names;
    int n = shrink_vars(x->c, ci, &names);
    long long *values = xcalloc((size_t)n + 1, sizeof(long long));
    for (int k = 0; k < n; k++)
        values[k] = (long long)case_value(ci, names[k])->num;
    shrink_search_init(&t->s, names, values, n, (shrink_size){0, 0});
    t->s.size = t->orig_size = size_of(ci, &t->s);
    t->wall = candidate_wall(ci, t->user);
    free(names);
    free(values);
    return true;
}

/* The targets of a grading: its failed cases that may shrink. */
static int find_targets(const pipeline *x, const report *r, target **out)
{
    int n = 0;
    *out = xcalloc((size_t)r->ncases + 1, sizeof(target));
    for (int i = 0; i < r->ncases && i < x->ncases; i++)
        n += make_target(x, r, i, &(*out)[n]);
    return n;
}

/* Takes the outcomes of tr into its target: the smallest that failed the
 * same way becomes its best. */
static void take_trial(trial *tr)
{
    target *t = tr->t;
    int k = shrink_take(&t->s, tr->cands, tr->ncands, tr->fails, tr->size);
    if (k < 0)
        return;
    if (t->best)
        case_inst_free(t->best);
    free(t->best);
    t->best = tr->inst[k];
    tr->inst[k] = NULL;
    free(t->message);
    t->message = tr->msg[k];
    tr->msg[k] = NULL;
}

/* The order targets get a round's runs in: those not yet tried at all
 * first (each gets at least its first round), then the earlier cases
 * (the report shows the first one in full). */
static void round_order(const target *t, int nt, int *order)
{
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < nt; k++)
            if ((t[k].s.rounds == 0) == (pass == 0))
                order[n++] = k;
}

/* One round: the next candidates of the targets, in round_order, within
 * cap runs, run together and taken.  Returns the runs made (0 and *over
 * when every search is over), or -1 with err. */
static int round_of(pipeline *x, target *t, int nt, int cap, bool *over, md_err *err)
{
    trial *tr = xcalloc((size_t)nt + 1, sizeof(trial));
    int *order = xcalloc((size_t)nt + 1, sizeof(int));
    round_order(t, nt, order);
    int ntr = 0, n = 0;
    for (int q = 0; q < nt; q++) {
        trial *next = &tr[ntr];
        int made = plan_trial(x, &t[order[q]], next);
        if (next->ncands == 0 || n + made > cap) {
            trial_free(next);
            continue;    /* over, or no room: its turn comes next round */
        }
        ntr++;
        n += made;
    }
    *over = ntr == 0;    /* every search over, or no room for any */
    int rc = n > 0 ? run_trials(x, tr, ntr, err) : 0;
    for (int j = 0; j < ntr; j++) {
        if (rc == 0)
            take_trial(&tr[j]);
        trial_free(&tr[j]);
    }
    free(tr);
    free(order);
    return rc < 0 ? -1 : n;
}

/* "n = 2, d = 1": the variables of the search whose values differ
 * between a and b, with their values in a. */
static char *sizes_text(const target *t, const case_inst *a, const case_inst *b)
{
    strbuf sb = {0};
    for (int k = 0; k < t->s.nvars; k++) {
        const char *name = t->s.vars[k].name;
        double v = case_value(a, name)->num;
        if (v != case_value(b, name)->num)
            sb_printf(&sb, "%s%s = %.0f", sb.len ? ", " : "", name, v);
    }
    return sb_take(&sb);
}

/* What a target found, as the report keeps it. */
static rshrunk *shrunk_of(const target *t)
{
    rshrunk *s = xcalloc(1, sizeof *s);
    s->tried = t->tried;
    s->original_elems = t->orig_size.elems;
    if (!t->best)
        return s;
    const case_inst *b = t->best;
    s->found = true;
    s->message = xstrdup(t->message);
    s->elems = t->s.size.elems;
    s->sizes = sizes_text(t, b, t->orig);
    s->was = sizes_text(t, t->orig, b);
    s->vars = xcalloc((size_t)b->nvals + 1, sizeof(value));
    s->inputs = xcalloc((size_t)b->nvals + 1, sizeof(value));
    for (int i = 0; i < b->nvals; i++) {
        const value *v = &b->vals[i];
        if (v->role == ROLE_VAR)
            value_copy(&s->vars[s->nvars++], v);
        else if (v->role == ROLE_INPUT || v->role == ROLE_INOUT)
            value_copy(&s->inputs[s->ninputs++], v);
    }
    return s;
}

static void target_free(target *t)
{
    shrink_search_free(&t->s);
    if (t->best)
        case_inst_free(t->best);
    free(t->best);
    free(t->message);
}

/* The runs the next round may make: within the runs left, and as many
 * as the time left allows at the pace of the rounds so far (big cases
 * take longer; a fault costs a new runner process). */
static int round_cap(int runs, double elapsed)
{
    int cap = SHRINK_MAX_RUNS - runs < SHRINK_ROUND_MAX ? SHRINK_MAX_RUNS - runs
                                                        : SHRINK_ROUND_MAX;
    if (runs > 0) {
        double fit = (SHRINK_BUDGET_S - elapsed) / (elapsed / runs);
        if (fit < cap)
            cap = fit < 1 ? 1 : (int)fit;
    }
    return cap;
}

int shrink_failed_cases(pipeline *x, report *r, md_err *err)
{
    double t0 = now_seconds();
    target *t;
    int nt = find_targets(x, r, &t), runs = 0, rc = 0;
    bool over = nt == 0;
    while (!over && runs < SHRINK_MAX_RUNS && now_seconds() - t0 < SHRINK_BUDGET_S &&
           !(x->o->cancel && *x->o->cancel)) {
        int n = round_of(x, t, nt, round_cap(runs, now_seconds() - t0), &over, err);
        if (n < 0) {
            rc = -1;
            break;
        }
        runs += n;
    }
    for (int k = 0; k < nt; k++) {
        if (rc == 0)
            r->cases[t[k].i].shrunk = shrunk_of(&t[k]);
        target_free(&t[k]);
    }
    free(t);
    r->shrink_runs = runs;
    r->shrink_seconds = now_seconds() - t0;
    return rc;
}
