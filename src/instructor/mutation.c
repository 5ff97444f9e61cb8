/* mutation — see mutation.h.  The stages:
 *   the mutants of the model answer (mutate.h)
 *   -> the cases at a fixed seed, run once by the reference (fixture.h)
 *   -> the model answer graded on them: its run times give each case's
 *      limit, and what it passes is what a mutant must pass
 *   -> workers compile and grade the mutants, writing each outcome into
 *      a table shared with the caller
 *   -> the equivalence declarations matched to the survivors. */
#define _GNU_SOURCE

#include "instructor/mutation.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade/fixture.h"
#include "run/compile.h"

/* A mutant's case may take this many times the model answer's time on
 * it, and never less than the floor (the machine may be busy): slower
 * than that it is caught anyway, by the time limit or by the timing. */
#define LIMIT_FACTOR 20.0
#define LIMIT_FLOOR_S 0.25
#define WHY_MAX 240

const char *mstatus_name(mstatus s)
{
    static const char *const n[] = {"killed", "survived", "equivalent", "not compiled", "error"};
    return s <= MS_ERROR ? n[s] : "?";
}

/* --- the table shared with the workers -------------------------------------------- */

typedef struct slot {
    int done;                /* 1 once the worker wrote it */
    int status;              /* mstatus */
    char why[WHY_MAX];
} slot;

typedef struct shared {
    int next;                /* the next mutant to take */
    int done;                /* mutants finished */
    slot s[];
} shared;

/* What a worker needs to grade mutant i. */
typedef struct job {
    const challenge *c;
    const char *file;        /* the file mutated (absolute) */
    const char *text;        /* its content */
    const mutant *m;
    fixture *fx;
    const double *limits;    /* per case */
    const bool *model_passes;    /* per criterion */
} job;

static void set_why(slot *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_why(slot *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->why, sizeof s->why, fmt, ap);
    va_end(ap);
    /* one line */
    s->why[strcspn(s->why, "\n")] = '\0';
}

/* What caught a mutant in its report: the first case that does not pass,
 * else a criterion the model answer passes; false when nothing did. */
static bool killed_by(const report *r, const bool *model_passes, slot *s)
{
    for (int i = 0; i < r->ncases; i++) {
        const rcase *rc = &r->cases[i];
        if (rc->status == CS_PASS)
            continue;
        set_why(s, "case \"%s\": %s: %s", rc->name, cstatus_name(rc->status),
                rc->message ? rc->message : "");
        return true;
    }
    for (int k = 0; k < CRIT_COUNT; k++) {
        const rcriterion *cr = &r->crit[k];
        if (!model_passes[k] || !cr->applies || cr->passed)
            continue;
        set_why(s, "%s: %s", criterion_name((criterion)k),
                cr->nfindings ? cr->findings[0].message : cr->summary ? cr->summary : "fails");
        return true;
    }
    return false;
}

/* Set by SIGTERM in a worker only: its grading's cancel flag. */
static volatile sig_atomic_t worker_stop;

/* Compiles and grades one mutant into its slot. */
static void grade_mutant(const job *j, slot *s)
{
    char *text = mutate_apply(j->text, j->m);
    compile_opts co = {0};
    co.text = text;
    compile_result cr;
    md_err err;
    if (compile_file(j->c, j->file, &co, &cr, &err) != 0) {
        s->status = MS_ERROR;
        set_why(s, "%s", err.msg);
    } else if (!cr.ok) {
        s->status = MS_NOT_COMPILED;
        /* the first error line says why */
        const char *e = cr.output ? strstr(cr.output, "error:") : NULL;
        set_why(s, "%s", e ? e : "the compiler failed");
    } else if (cr.output && strstr(cr.output, "[-Wreturn-type]")) {
        /* a function that can end without its value: undefined, passing
         * or not by what a register held; the report's compiler warnings
         * name the line, and that is what catches it */
        s->status = MS_KILLED;
        const char *w = strstr(cr.output, "warning:");
        set_why(s, "the compiler warns (the report shows it): %s", w ? w : "");
    } else {
        fixture_opts fo = {j->limits, true, &worker_stop};
        report *r = fixture_grade(j->fx, cr.so_path, &fo, NULL, &err);
        if (!r) {
            s->status = MS_ERROR;
            set_why(s, "%s", err.msg);
        } else {
            s->status = killed_by(r, j->model_passes, s) ? MS_KILLED : MS_SURVIVED;
        }
        report_free(r);
    }
    compile_result_clear(&cr);
    free(text);
}

/* --- the workers -------------------------------------------------------------------- */

static void worker_on_term(int sig)
{
    (void)sig;
    worker_stop = 1;
}

/* Takes mutants from the shared counter until none is left; never returns. */
static void worker_main(job j, const mutant *all, int n, shared *sh)
{
    struct sigaction sa = {0};
    sa.sa_handler = worker_on_term;
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGINT, SIG_IGN);    /* the caller decides when to stop */
    for (;;) {
        int i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (i >= n || worker_stop)
            break;
        j.m = &all[i];
        grade_mutant(&j, &sh->s[i]);
        __atomic_store_n(&sh->s[i].done, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&sh->done, 1, __ATOMIC_SEQ_CST);
    }
    _exit(0);
}

/* Runs the workers over all n mutants and waits for them. */
static int run_workers(const job *j, const mutant *all, int n, shared *sh,
                       const mutation_opts *o, md_err *err)
{
    int jobs = o->jobs > 0 ? o->jobs : 2;
    if (jobs > n)
        jobs = n > 0 ? n : 1;
    pid_t *pid = xcalloc((size_t)jobs, sizeof(pid_t));
    int alive = 0, rc = 0;
    fflush(NULL);
    for (int w = 0; w < jobs; w++) {
        pid[w] = fork();
        if (pid[w] == 0)
            worker_main(*j, all, n, sh);
        if (pid[w] < 0) {
            rc = md_fail(err, "fork: %s", strerror(errno));
            break;
        }
        alive++;
    }
    bool stopping = false;
    int shown = -1;
    while (alive > 0) {
        if (!stopping && (rc != 0 || (o->cancel && *o->cancel))) {
            stopping = true;
            for (int w = 0; w < jobs; w++)
                if (pid[w] > 0)
                    kill(pid[w], SIGTERM);
        }
        for (int w = 0; w < jobs; w++) {
            int ws;
            if (pid[w] > 0 && waitpid(pid[w], &ws, WNOHANG) == pid[w]) {
                pid[w] = 0;
                alive--;
            }
        }
        int done = __atomic_load_n(&sh->done, __ATOMIC_SEQ_CST);
        if (o->progress && done != shown)
            o->progress(o->progress_ctx, done, n);
        shown = done;
        if (alive > 0)
            sleep_seconds(0.05);
    }
    free(pid);
    if (rc == 0 && o->cancel && *o->cancel)
        rc = md_fail(err, "cancelled");
    return rc;
}

/* --- the model answer --------------------------------------------------------------- */

/* Grades the model answer on the fixture: it must pass every case.  Fills
 * each case's limit for the mutants and what the model passes. */
static int grade_model(const challenge *c, const char *file, fixture *fx,
                       volatile sig_atomic_t *cancel, double *limits, bool *passes,
                       md_err *err)
{
    compile_opts co = {0};
    compile_result cr;
    if (compile_file(c, file, &co, &cr, err) != 0)
        return -1;
    if (!cr.ok) {
        md_fail(err, "%s does not compile:\n%s", file, cr.output);
        compile_result_clear(&cr);
        return -1;
    }
    int n = fixture_ncases(fx), rc = 0;
    double *wall = xcalloc((size_t)n + 1, sizeof(double));
    fixture_opts fo = {NULL, false, cancel};
    report *r = fixture_grade(fx, cr.so_path, &fo, wall, err);
    compile_result_clear(&cr);
    if (!r) {
        free(wall);
        return -1;
    }
    for (int i = 0; i < r->ncases && rc == 0; i++)
        if (r->cases[i].status != CS_PASS)
            rc = md_fail(err, "the %s fails case \"%s\" (%s): mutants need an answer that "
                              "passes every case (mldrill validate says more)",
                         c->model ? "model answer" : "reference", r->cases[i].name,
                         r->cases[i].message ? r->cases[i].message : cstatus_name(r->cases[i].status));
    for (int i = 0; i < n; i++) {
        double lim = fmax(LIMIT_FLOOR_S, LIMIT_FACTOR * wall[i]), own = fixture_case_wall(fx, i);
        limits[i] = lim < own ? lim : own;
    }
    for (int k = 0; k < CRIT_COUNT; k++)
        passes[k] = r->crit[k].applies && r->crit[k].passed;
    report_free(r);
    free(wall);
    return rc;
}

/* --- equivalence declarations ------------------------------------------------------- */

/* The declaration matching mutant m of text, or -1. */
static int declaration_of(const challenge *c, const char *text, const mutant *m)
{
    char *line = mutate_line_text(text, m->line);
    int found = -1;
    for (int d = 0; d < c->nequivalents && found < 0; d++) {
        const equivalent_spec *e = &c->equivalents[d];
        char *want = mutate_squeeze(e->line, (int)strlen(e->line));
        char *change = mutate_squeeze(e->change, (int)strlen(e->change));
        if (*want && strstr(line, want) && strcmp(change, m->change) == 0)
            found = d;
        free(want);
        free(change);
    }
    free(line);
    return found;
}

static void classify(const challenge *c, const char *text, mutation *mu)
{
    bool *used = xcalloc((size_t)c->nequivalents + 1, sizeof(bool));
    for (int i = 0; i < mu->n; i++) {
        mresult *r = &mu->r[i];
        r->declared = declaration_of(c, text, &r->m);
        if (r->declared >= 0) {
            used[r->declared] = true;
            if (r->status == MS_SURVIVED)
                r->status = MS_EQUIVALENT;
        }
        mu->count[r->status]++;
    }
    for (int d = 0; d < c->nequivalents; d++)
        if (!used[d]) {
            mu->stale = xrealloc(mu->stale, sizeof(int) * (size_t)(mu->nstale + 1));
            mu->stale[mu->nstale++] = d;
        }
    free(used);
}

/* --- the run ---------------------------------------------------------------------- */

/* The names of the challenge's opaque handle types (borrowed). */
static const char **handle_types(const challenge *c, int *n)
{
    const char **t = xcalloc((size_t)c->nfunctions + 1, sizeof(char *));
    *n = 0;
    for (int i = 0; i < c->nfunctions; i++)
        if (c->functions[i].ret == VT_HANDLE)
            t[(*n)++] = c->functions[i].ret_handle;
    return t;
}

/* Writes "path: stale: ..." for declaration d, which no mutant makes. */
static void add_stale(strbuf *sb, const challenge *c, int d)
{
    const equivalent_spec *e = &c->equivalents[d];
    sb_printf(sb, "%s: stale: no mutant of a line containing \"%s\" makes the change \"%s\"\n",
              e->path, e->line, e->change);
}

int mutation_stale(const challenge *c, const char *text, strbuf *why)
{
    if (c->nequivalents == 0)
        return 0;
    int ntypes, stale = 0;
    const char **types = handle_types(c, &ntypes);
    mutate_opts mo = {types, ntypes};
    mutant *m;
    int n = mutate_source(text, &mo, &m);
    free(types);
    bool *used = xcalloc((size_t)c->nequivalents, sizeof(bool));
    for (int i = 0; i < n; i++) {
        int d = declaration_of(c, text, &m[i]);
        if (d >= 0)
            used[d] = true;
    }
    for (int d = 0; d < c->nequivalents; d++)
        if (!used[d]) {
            add_stale(why, c, d);
            stale++;
        }
    free(used);
    mutate_free(m, n);
    return stale;
}

int mutation_run(const challenge *c, const mutation_opts *o, mutation *mu, md_err *err)
{
    double t0 = now_seconds();
    memset(mu, 0, sizeof *mu);
    const char *file = c->model ? c->model : c->reference;
    char buf[4096];
    mu->id = xstrdup(c->id);
    mu->file = xstrdup(path_shown(file, buf, sizeof buf));
    mu->model = c->model != NULL;
    mu->seed = o->have_seed ? o->seed : 1;
    char *text = file_read(file, NULL, err);
    if (!text)
        return -1;
    int ntypes;
    const char **types = handle_types(c, &ntypes);
    mutate_opts mo = {types, ntypes};
    mutant *m;
    int n = mutate_source(text, &mo, &m);
    free(types);

    int rc = -1, ncases = 0;
    shared *sh = MAP_FAILED;
    double *limits = NULL;
    bool passes[CRIT_COUNT];
    fixture *fx = fixture_new(c, mu->seed, o->cancel, err);
    if (!fx)
        goto out;
    ncases = fixture_ncases(fx);
    limits = xcalloc((size_t)ncases + 1, sizeof(double));
    mu->floor_s = LIMIT_FLOOR_S;
    if (grade_model(c, file, fx, o->cancel, limits, passes, err) != 0)
        goto out;

    size_t bytes = sizeof(shared) + sizeof(slot) * (size_t)(n + 1);
    sh = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        md_fail(err, "mmap: %s", strerror(errno));
        goto out;
    }
    job j = {c, file, text, NULL, fx, limits, passes};
    if (run_workers(&j, m, n, sh, o, err) != 0)
        goto out;

    mu->r = xcalloc((size_t)n + 1, sizeof(mresult));
    for (int i = 0; i < n; i++) {
        mresult *r = &mu->r[i];
        r->m = m[i];
        m[i].repl = m[i].change = NULL;    /* taken over */
        r->status = sh->s[i].done ? (mstatus)sh->s[i].status : MS_ERROR;
        r->why = sh->s[i].done ? xstrdup(sh->s[i].why) : xstrdup("its worker stopped");
    }
    mu->n = n;
    classify(c, text, mu);
    rc = 0;
out:
    if (sh != MAP_FAILED)
        munmap(sh, sizeof(shared) + sizeof(slot) * (size_t)(n + 1));
    fixture_free(fx);
    free(limits);
    mutate_free(m, n);
    free(text);
    mu->seconds = now_seconds() - t0;
    return rc;
}

void mutation_clear(mutation *mu)
{
    if (!mu)
        return;
    for (int i = 0; i < mu->n; i++) {
        free(mu->r[i].m.repl);
        free(mu->r[i].m.change);
        free(mu->r[i].why);
    }
    free(mu->r);
    free(mu->id);
    free(mu->file);
    free(mu->stale);
    memset(mu, 0, sizeof *mu);
}

double mutation_score(const mutation *mu)
{
    int k = mu->count[MS_KILLED], s = mu->count[MS_SURVIVED];
    return k + s > 0 ? 100.0 * k / (k + s) : NAN;
}

/* --- text --------------------------------------------------------------------------- */

static void add_mutant(strbuf *sb, const mutation *mu, const mresult *r, const char *text)
{
    sb_printf(sb, "%s:%d:%d: %s\n", mu->file, r->m.line, r->m.col, r->m.change);
    if (text) {
        char *line = mutate_line_text(text, r->m.line);
        sb_printf(sb, "    | %s\n", line);
        free(line);
    }
}

char *mutation_text(const challenge *c, const mutation *mu, bool verbose)
{
    strbuf sb = {0};
    char *text = file_read(c->model ? c->model : c->reference, NULL, NULL);
    for (int i = 0; i < mu->n; i++) {
        const mresult *r = &mu->r[i];
        if (r->status == MS_SURVIVED) {
            add_mutant(&sb, mu, r, text);
        } else if (r->status == MS_KILLED && r->declared >= 0) {
            add_mutant(&sb, mu, r, NULL);
            sb_printf(&sb, "    declared equivalent (%s), but killed: %s\n",
                      c->equivalents[r->declared].path, r->why);
        } else if (r->status == MS_ERROR || verbose) {
            sb_printf(&sb, "%s:%d:%d: %s: %s", mu->file, r->m.line, r->m.col, r->m.change,
                      mstatus_name(r->status));
            if (r->status == MS_EQUIVALENT)
                sb_printf(&sb, " (%s)\n", c->equivalents[r->declared].reason);
            else
                sb_printf(&sb, "%s%s\n", r->why && *r->why ? ": " : "", r->why ? r->why : "");
        }
    }
    for (int k = 0; k < mu->nstale; k++)
        add_stale(&sb, c, mu->stale[k]);
    free(text);
    char *last = mutation_summary(mu->count);
    sb_add(&sb, last);
    free(last);
    return sb_take(&sb);
}

char *mutation_summary(const int count[MS_ERROR + 1])
{
    int K = count[MS_KILLED], S = count[MS_SURVIVED];
    strbuf sb = {0};
    sb_printf(&sb, "mutants: %d killed, %d survived, %d equivalent, %d not compiled — score %d/%d",
              K, S, count[MS_EQUIVALENT], count[MS_NOT_COMPILED], K, K + S);
    if (K + S > 0)
        sb_printf(&sb, " (%.1f%%)", 100.0 * K / (K + S));
    sb_addc(&sb, '\n');
    return sb_take(&sb);
}

bool mutation_meets_bar(const mutation *mu)
{
    double score = mutation_score(mu);
    bool ok = mu->nstale == 0 && mu->count[MS_ERROR] == 0 && (isnan(score) || score >= MUTATION_BAR);
    for (int i = 0; i < mu->n && ok; i++)
        ok = !(mu->r[i].status == MS_KILLED && mu->r[i].declared >= 0);
    return ok;
}
