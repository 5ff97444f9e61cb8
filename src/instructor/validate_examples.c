/* validate_examples — the steps that grade the example solutions
 * (validate_step.h): each gets the outcome its first line declares
 * (expect.h), graded through batch like a class; together they show a
 * right solution passing and every mistake named; and the timing curve
 * separates the declared-slow ones from the accepted ones. */
#define _GNU_SOURCE

#include "instructor/validate_step.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/grade.h"
#include "instructor/batch.h"
#include "instructor/expect.h"

/* A separation closer than this factor to the half-points ratio could be
 * flipped by timing noise. */
#define SEPARATION_MARGIN 1.25
/* Timing budget of the regrading of an example whose only disagreement
 * is the vectorization verdict. */
#define REGRADE_BUDGET_S 1.5

/* The examples whose declaration is well formed, with their grading. */
struct vexamples {
    char **files;            /* their paths (owned) */
    expectation *ex;         /* what each declares */
    batch_row *rows;         /* how each was graded */
    int n;
};

void vexamples_free(vexamples *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->n; i++) {
        free(e->files[i]);
        expect_free(&e->ex[i]);
        batch_row_clear(&e->rows[i]);
    }
    free(e->files);
    free(e->ex);
    free(e->rows);
    free(e);
}

/* --- reading the declarations ----------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.c files of dir, sorted (malloc'd paths in a malloc'd array). */
static char **list_examples(const char *dir, int *n)
{
    char **files = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 3 || de->d_name[0] == '.' || strcmp(de->d_name + l - 2, ".c") != 0)
            continue;
        files = xrealloc(files, sizeof(char *) * (size_t)(*n + 1));
        files[(*n)++] = path_join(dir, de->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(files, (size_t)*n, sizeof(char *), cmp_str);
    return files;
}

/* Parses the declaration of file into *e; false (after a failure item)
 * when it is malformed or names an undeclared mistake. */
static bool read_declaration(vctx *x, const char *file, expectation *e)
{
    md_err err;
    if (expect_parse(file, e, &err) != 0) {
        vstep_add(x, V_FAIL, NULL, "example %s", err.msg);
        return false;
    }
    bool ok = true;
    for (int m = 0; m < e->nmistakes; m++)
        if (!vstep_mistake_declared(x->c, e->mistakes[m])) {
            vstep_add(x, V_FAIL, NULL,
                      "example %s declares mistake=%s, which the spec does not declare",
                      path_basename(file), e->mistakes[m]);
            ok = false;
        }
    if (!ok)
        expect_free(e);
    return ok;
}

/* The declarations first: a malformed one is not worth grading.  Takes
 * over all[0..nall) and frees the array. */
static vexamples *read_declarations(vctx *x, char **all, int nall)
{
    vexamples *e = xcalloc(1, sizeof *e);
    e->files = xcalloc((size_t)nall, sizeof(char *));
    e->ex = xcalloc((size_t)nall, sizeof(expectation));
    e->rows = xcalloc((size_t)nall + 1, sizeof(batch_row));
    for (int i = 0; i < nall; i++) {
        if (read_declaration(x, all[i], &e->ex[e->n]))
            e->files[e->n++] = all[i];
        else
            free(all[i]);
    }
    free(all);
    return e;
}

/* --- grading them ------------------------------------------------------------------ */

/* Runs in a batch worker: "" when the report has the declared outcome,
 * else a first line saying whether only the timing disagrees ("timing")
 * or more ("outcome"), then the differences and the report. */
static char *inspect_example(void *ctx, const char *file, const report *r)
{
    (void)ctx;
    expectation e;
    md_err err;
    if (expect_parse(file, &e, &err) != 0)
        return xasprintf("outcome\n%s", err.msg);
    strbuf why = {0};
    int bad = expect_verify(&e, r, &why);
    /* the same without what the timing decides */
    expectation rest = e;
    rest.crit[CRIT_VECTORIZATION] = -1;
    rest.passed = -1;
    strbuf ignored = {0};
    bool timing_only = bad && expect_verify(&rest, r, &ignored) == 0;
    sb_free(&ignored);
    expect_free(&e);
    if (!bad) {
        sb_free(&why);
        return xstrdup("");
    }
    char *text = report_text(r, false);
    strbuf note = {0};
    sb_printf(&note, "%s\n%s---- report ----\n%s", timing_only ? "timing" : "outcome",
              sb_str(&why), text);
    free(text);
    sb_free(&why);
    return sb_take(&note);
}

/* Grades the examples as a class, each seeded by its name. */
static int grade_examples(vctx *x, vexamples *e)
{
    if (e->n == 0)
        return 0;
    batch_opts bo = {0};
    bo.jobs = x->o->jobs;
    bo.grade.have_seed = x->o->have_seed;
    bo.grade.seed = x->o->seed;
    bo.grade.timing_budget_s = x->o->timing_budget_s;
    bo.seed_per_file = true;
    bo.inspect = inspect_example;
    bo.cancel = x->o->cancel;
    return batch_run(x->c, e->files, e->n, &bo, e->rows, x->err);
}

static double regrade_budget(const validate_opts *o)
{
    return o->timing_budget_s > REGRADE_BUDGET_S ? o->timing_budget_s : REGRADE_BUDGET_S;
}

/* Timing is noisy on a busy machine.  An example whose only difference is
 * the vectorization verdict (or the pass it decides) is graded twice more,
 * alone and with a larger timing budget; both must agree with the
 * declaration. */
static bool regrade_agrees(const vctx *x, const char *file, const expectation *e,
                           uint64_t seed, strbuf *why)
{
    for (int k = 0; k < 2; k++) {
        grade_opts go = {0};
        go.have_seed = true;
        go.seed = seed + 1 + (uint64_t)k;
        go.timing_budget_s = regrade_budget(x->o);
        go.cancel = x->o->cancel;
        go.no_shrink = true;    /* outcomes only */
        md_err err;
        report *r = grade_solution(x->c, file, &go, &err);
        if (!r) {
            sb_printf(why, "regrading failed: %s\n", err.msg);
            return false;
        }
        size_t mark = why->len;
        sb_printf(why, "graded again alone with a %.1f s timing budget:\n", go.timing_budget_s);
        int bad = expect_verify(e, r, why);
        if (!bad) {    /* keep only what disagrees */
            why->len = mark;
            if (why->buf)
                why->buf[mark] = '\0';
        }
        report_free(r);
        if (bad)
            return false;
    }
    return true;
}

/* Whether example i got its declared outcome, at once or, when only the
 * timing disagreed, on regrading; a failure item when not.  Appends its
 * line to table when it did. */
static bool judge_example(vctx *x, const vexamples *e, int i, strbuf *table)
{
    const char *base = path_basename(e->files[i]);
    const batch_row *r = &e->rows[i];
    if (r->status == BATCH_ERROR) {
        vstep_add(x, V_FAIL, NULL, "example %s was not graded: %s", base, r->error);
        return false;
    }
    if (r->note && *r->note) {
        /* "timing" or "outcome", then the differences, then the report */
        bool timing_only = strncmp(r->note, "timing\n", 7) == 0;
        const char *diff = strchr(r->note, '\n');
        diff = diff ? diff + 1 : "";
        size_t first = strcspn(diff, "\n");
        strbuf again = {0};
        if (!(timing_only && !vstep_cancelled(x) &&
              regrade_agrees(x, e->files[i], &e->ex[i], r->seed, &again))) {
            if (again.len)
                sb_add(&again, "---- first grading ----\n");
            sb_add(&again, diff + first + (diff[first] != 0));
            vstep_add(x, V_FAIL, sb_take(&again), "example %s: %.*s (declared:%s)", base,
                      (int)first, diff, e->ex[i].text);
            return false;
        }
        vstep_add(x, V_WARN, NULL,
                  "example %s: %.*s at first; graded twice more alone with a %.1f s timing "
                  "budget, it got its declared outcome (a busy machine?)",
                  base, (int)first, diff, regrade_budget(x->o));
        sb_free(&again);
    }
    sb_printf(table, "%-28s %3.0f %s\n", base, r->score, e->ex[i].text);
    return true;
}

/* Every example got its declared outcome: one item with the table. */
static void check_outcomes(vctx *x, const vexamples *e, double t0)
{
    int good = 0;
    strbuf table = {0};
    for (int i = 0; i < e->n; i++)
        good += judge_example(x, e, i, &table);
    if (good == e->n && e->n > 0)
        vstep_add(x, V_OK, sb_take(&table),
                  "%d example solution%s get their declared outcome (%.1f s)", e->n,
                  e->n == 1 ? "" : "s", now_seconds() - t0);
    sb_free(&table);
}

/* What the examples show, and what they leave unshown. */
static void check_coverage(vctx *x, const vexamples *e)
{
    const challenge *c = x->c;
    bool any_pass = false;
    for (int i = 0; i < e->n; i++)
        any_pass |= e->ex[i].passed == 1;
    if (!any_pass)
        vstep_add(x, V_WARN, NULL, "no example declares passed=yes: nothing shows that a "
                                   "right solution passes");
    for (int m = 0; m < c->nmistakes; m++) {
        bool shown = false;
        for (int i = 0; i < e->n; i++)
            for (int k = 0; k < e->ex[i].nmistakes; k++)
                shown |= strcmp(e->ex[i].mistakes[k], c->mistakes[m].id) == 0;
        if (!shown)
            vstep_add(x, V_WARN, NULL,
                      "no example declares mistake=%s: nothing shows that it is named",
                      c->mistakes[m].id);
    }
}

vstep_rc vstep_examples(vctx *x)
{
    const challenge *c = x->c;
    if (x->o->no_examples)
        return VSTEP_NEXT;
    if (!c->examples) {
        vstep_add(x, V_WARN, NULL, "no \"examples\" directory: nothing shows that the rubric "
                                   "tells good solutions from bad ones");
        return VSTEP_NEXT;
    }
    int nall;
    char **all = list_examples(c->examples, &nall);
    if (nall == 0) {
        vstep_add(x, V_WARN, NULL, "no example solutions in %s", c->examples);
        free(all);
        return VSTEP_NEXT;
    }
    vexamples *e = read_declarations(x, all, nall);
    double t0 = now_seconds();
    if (grade_examples(x, e) != 0) {
        vexamples_free(e);
        return VSTEP_ERROR;
    }
    check_outcomes(x, e, t0);
    check_coverage(x, e);
    x->examples = e;
    return VSTEP_NEXT;
}

/* --- the vectorization separation ------------------------------------------------ */

/* The declared-slow examples (vectorization=fail, correctness=pass) and
 * the accepted ones (vectorization=pass) among the timed gradings. */
typedef struct extremes {
    int nslow, nacc;
    int islow, iacc;         /* the fastest slow one, the slowest accepted one */
    double slow, acc;        /* their ratios; INFINITY: too slow to time */
} extremes;

/* A graded example's time ratio; INFINITY when it was too slow to finish a
 * timed call (no ratio but zero points); NAN when it was not timed. */
static double example_ratio(const batch_row *r, const expectation *ex)
{
    if (isnan(r->ratio) && r->points[CRIT_VECTORIZATION] == 0 &&
        ex->crit[CRIT_CORRECTNESS] == 1 && r->max[CRIT_VECTORIZATION] > 0)
        return INFINITY;
    return r->ratio;
}

static extremes find_extremes(const vexamples *e)
{
    extremes m = {0, 0, -1, -1, NAN, NAN};
    for (int i = 0; i < e->n; i++) {
        const expectation *ex = &e->ex[i];
        double ratio = example_ratio(&e->rows[i], ex);
        if (ex->crit[CRIT_VECTORIZATION] < 0 || e->rows[i].status != BATCH_GRADED ||
            isnan(ratio))
            continue;
        if (ex->crit[CRIT_VECTORIZATION] == 0 && ex->crit[CRIT_CORRECTNESS] == 1) {
            m.nslow++;
            if (m.islow < 0 || ratio < m.slow) {
                m.islow = i;
                m.slow = ratio;
            }
        } else if (ex->crit[CRIT_VECTORIZATION] == 1) {
            m.nacc++;
            if (m.iacc < 0 || ratio > m.acc) {
                m.iacc = i;
                m.acc = ratio;
            }
        }
    }
    return m;
}

vstep_rc vstep_separation(vctx *x)
{
    const challenge *c = x->c;
    if (!x->examples || !c->timing.enabled || !(c->weights[CRIT_VECTORIZATION] > 0))
        return VSTEP_NEXT;
    const timing_spec *ts = &c->timing;
    const vexamples *e = x->examples;
    double half = sqrt(ts->full_ratio * ts->zero_ratio);
    extremes m = find_extremes(e);
    if (m.nslow == 0 || m.nacc == 0) {
        vstep_add(x, V_WARN, NULL,
                  "no timed example declares vectorization=%s: nothing shows the timing "
                  "curve (full points up to %gx, none from %gx) %s",
                  m.nslow == 0 ? "fail with correctness=pass" : "pass", ts->full_ratio,
                  ts->zero_ratio,
                  m.nslow == 0 ? "catching a slow solution" : "accepting a vectorised one");
        return VSTEP_NEXT;
    }
    const char *sf = path_basename(e->files[m.islow]), *af = path_basename(e->files[m.iacc]);
    char st[64], at[64];
    if (isinf(m.slow))
        snprintf(st, sizeof st, "too slow to time");
    else
        snprintf(st, sizeof st, "%.2fx", m.slow);
    snprintf(at, sizeof at, "%.2fx", m.acc);
    if (!(m.slow > half && m.acc < half))
        vstep_add(x, V_FAIL, NULL,
                  "the vectorization curve does not separate %s (%s) from %s (%s): half "
                  "points are at %.2fx (full_ratio %g, zero_ratio %g)",
                  sf, st, af, at, half, ts->full_ratio, ts->zero_ratio);
    else if (m.slow < half * SEPARATION_MARGIN || m.acc > half / SEPARATION_MARGIN)
        vstep_add(x, V_WARN, NULL,
                  "the vectorization curve separates %s (%s) from %s (%s) only narrowly "
                  "(half points at %.2fx): timing noise could flip a verdict",
                  sf, st, af, at, half);
    else
        vstep_add(x, V_OK, NULL,
                  "the vectorization curve separates the slow example%s (%s: %s) from the "
                  "accepted one%s (%s: %s); half points at %.2fx",
                  m.nslow == 1 ? "" : "s", sf, st, m.nacc == 1 ? "" : "s", af, at, half);
    return VSTEP_NEXT;
}
