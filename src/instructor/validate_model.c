/* validate_model — the step that checks the model answer (spec key
 * "model"), the readable solution `solution` shows (validate_step.h).
 * The reference and the model answer are two independent
 * implementations of one statement: each catches the other's bugs, so
 * they must agree on every case (visible, hidden at the validation seed,
 * derived).  The model answer is what a strong candidate writes, so,
 * graded as a learner's file, it must get full correctness and
 * stability; and it is plain C that compiles alone with the solution
 * flags: no intrinsics, no attributes, no private headers, its mistake
 * sites in the documented forms. */
#include "instructor/mutation.h"
#include "instructor/validate_step.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "grade/grade.h"
#include "run/exec.h"
#include "run/layout.h"
#include "spec/answer.h"

/* What a model answer may not use: it is what a candidate writes in an
 * interview, not the fast reference. */
static const struct {
    const char *pattern;     /* an extended regex over one line */
    const char *what;
} forbidden[] = {
    {"target_clones", "target_clones (one build per instruction set)"},
    {"immintrin|xmmintrin|emmintrin|arm_neon", "intrinsics"},
    {"__attribute__", "__attribute__"},
    {"^[ \t]*#[ \t]*include[ \t]*\"", "a private header (#include \"...\")"},
};

/* Lines of text that match a forbidden pattern, one per line of bad. */
static void scan_forbidden(const char *text, const char *shown, strbuf *bad)
{
    for (size_t k = 0; k < sizeof forbidden / sizeof forbidden[0]; k++) {
        regex_t re;
        if (regcomp(&re, forbidden[k].pattern, REG_EXTENDED | REG_NOSUB | REG_NEWLINE) != 0)
            continue;
        int line = 1;
        for (const char *p = text; *p; line++) {
            const char *nl = strchr(p, '\n');
            char *l = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
            if (regexec(&re, l, 0, NULL, 0) == 0)
                sb_printf(bad, "%s:%d: %s: %s\n", shown, line, forbidden[k].what, l);
            free(l);
            p = nl ? nl + 1 : p + strlen(p);
        }
        regfree(&re);
    }
}

/* Every mistake site has one of the three documented forms (the loader
 * also accepts `#if !MISTAKE(id)` B `#else` A `#endif`, which specs
 * written before may hold: here it is named, with how to rewrite it). */
static void check_site_forms(vctx *x, const char *text, const char *shown)
{
    answer_site *sites;
    int n;
    md_err e;
    if (answer_sites(text, true, &sites, &n, &e) != 0)
        vstep_add(x, V_FAIL, NULL, "%s: %s", shown, e.msg);
    answer_sites_free(sites, n);
}

/* --- agreement with the reference -------------------------------------------- */

/* How the model's run of case ci differs from the reference's, appended
 * to bad; nothing when they agree under the case's checks. */
static void compare_runs(const case_inst *ci, const xrun *model, const xrun *ref, strbuf *bad)
{
    const char *name = ci->spec->name;
    if (ref->status != XS_OK)
        return;    /* the reference's own failure is the runs step's item */
    if (model->status != XS_OK) {
        sb_printf(bad, "case \"%s\": the model answer %s\n", name,
                  model->message ? model->message : xstatus_name(model->status));
        return;
    }
    cmp_env got = {ci, model->vals, model->nvals}, exp = {ci, ref->vals, ref->nvals};
    for (int k = 0; k < ci->nchecks; k++) {
        if (ci->checks[k].kind == CMP_GRADCHECK)
            continue;    /* needs extra runs; grading the model checks it */
        cmp_outcome out;
        compare_check(&ci->checks[k], &got, &exp, &out);
        if (!out.ok) {
            sb_printf(bad, "case \"%s\": %s\n", name, out.message);
            return;
        }
    }
}

/* Which cases were compared, by kind ("9 visible or hidden at seed S, 4
 * derived"). */
static char *cases_compared(const vctx *x)
{
    const challenge *c = x->c;
    int visible = 0, hidden = 0, derived = 0;
    for (int i = 0; i < c->ncases; i++) {
        if (!x->cases[i])
            continue;
        if (c->cases[i].origin != CASE_WRITTEN)
            derived++;
        else if (c->cases[i].visible)
            visible++;
        else
            hidden++;
    }
    strbuf sb = {0};
    sb_printf(&sb, "%d visible, %d hidden at seed %llu", visible, hidden,
              (unsigned long long)x->v->seed);
    if (derived)
        sb_printf(&sb, ", %d derived", derived);
    return sb_take(&sb);
}

/* Runs the reference and the model (built in model) on every case and
 * records whether they agree.  -1 with x->err when they could not run. */
static int check_agreement(vctx *x, const compile_result *model)
{
    const challenge *c = x->c;
    char buf[4096];
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)c->memory_mb << 20;
    layout *lay = layout_build(x->cases, c->ncases, &lo, x->err);
    if (!lay)
        return -1;
    exec_job jobs[2] = {{.so = x->ref.so_path}, {.so = model->so_path}};
    exec_opts eo = {0};
    eo.runner = exec_find_runner("mldrill-runner");
    eo.output_cap = 16 * 1024;
    eo.parallel = 2;
    eo.cancel = x->o->cancel;
    int rc = eo.runner ? exec_run(lay, jobs, 2, &eo, x->err)
                       : md_fail(x->err, "the runner (mldrill-runner) is missing");
    free((char *)eo.runner);
    strbuf bad = {0};
    for (int k = 0; k < 2 && rc == 0; k++)
        if (jobs[k].error)
            sb_printf(&bad, "the %s could not run: %s\n", k ? "model answer" : "reference",
                      jobs[k].error);
    bool ran = rc == 0 && !bad.len;
    for (int i = 0; ran && i < c->ncases; i++)
        compare_runs(x->cases[i], &jobs[1].runs[i], &jobs[0].runs[i], &bad);
    char *which = cases_compared(x);
    if (rc == 0 && bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad),
                  "the model answer %s and the reference disagree (two implementations: "
                  "one of them is wrong)",
                  path_shown(c->model, buf, sizeof buf));
    else if (rc == 0)
        vstep_add(x, V_OK, NULL, "the model answer agrees with the reference on all %d cases "
                                 "(%s)", c->ncases, which);
    free(which);
    sb_free(&bad);
    for (int k = 0; k < 2; k++)
        exec_job_clear(&jobs[k]);
    layout_free(lay);
    return rc;
}

/* --- graded as a solution ---------------------------------------------------- */

/* The model answer, graded as a learner's file (compiled alone, untrusted;
 * no timing: speed is the reference's business): full correctness and
 * stability.  -1 with x->err when it was cancelled. */
static int check_graded(vctx *x)
{
    const challenge *c = x->c;
    grade_opts go = {0};
    go.have_seed = true;
    go.seed = x->v->seed;
    go.no_timing = true;
    go.cancel = x->o->cancel;
    md_err e;
    report *r = grade_solution(c, c->model, &go, &e);
    if (!r) {
        if (vstep_cancelled(x))
            return md_fail(x->err, "cancelled");
        vstep_add(x, V_FAIL, NULL, "grading the model answer as a solution failed: %s", e.msg);
        return 0;
    }
    if (r->compile_error) {
        vstep_add(x, V_FAIL, xstrdup(r->compiler_output),
                  "the model answer does not compile alone with the solution flags (as a "
                  "learner's file: no header next to it)");
        report_free(r);
        return 0;
    }
    strbuf bad = {0};
    const criterion need[] = {CRIT_CORRECTNESS, CRIT_STABILITY};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++) {
        const rcriterion *cr = &r->crit[need[k]];
        if (cr->applies && cr->score < cr->max * (1 - 1e-9))
            sb_printf(&bad, "%s%s %.1f/%.1f", bad.len ? ", " : "",
                      criterion_name(need[k]), cr->score, cr->max);
    }
    if (bad.len)
        vstep_add(x, V_FAIL, report_text(r, false),
                  "the model answer, graded as a solution, does not get full correctness "
                  "and stability: %s", sb_str(&bad));
    else
        vstep_add(x, V_OK, NULL, "the model answer, graded as a solution, gets full "
                                 "correctness and stability (score %.0f without timing)",
                  r->score);
    sb_free(&bad);
    report_free(r);
    return 0;
}

vstep_rc vstep_model(vctx *x)
{
    const challenge *c = x->c;
    char buf[4096];
    if (!c->model) {
        vstep_add(x, V_WARN, NULL,
                  "no model answer (\"model\"): `solution` has nothing to show, and nothing "
                  "checks the reference independently");
        return VSTEP_NEXT;
    }
    const char *shown = path_shown(c->model, buf, sizeof buf);
    char *text = file_read(c->model, NULL, x->err);
    if (!text)
        return VSTEP_ERROR;
    strbuf bad = {0};
    scan_forbidden(text, shown, &bad);
    if (bad.len)
        vstep_add(x, V_FAIL, sb_take(&bad), "the model answer %s is not plain C a candidate "
                                            "writes (no intrinsics, attributes or private "
                                            "headers)", shown);
    sb_free(&bad);
    check_site_forms(x, text, shown);
    if (mutation_stale(c, text, &bad) > 0)
        vstep_add(x, V_FAIL, sb_take(&bad), "mutants.equivalent declares mutants the model "
                                            "answer %s no longer has (edit them with it)", shown);
    sb_free(&bad);
    free(text);
    compile_result model = {0};
    compile_opts co = {0};
    if (compile_file(c, c->model, &co, &model, x->err) != 0)
        return VSTEP_ERROR;
    int rc = 0;
    bool built = model.ok;
    if (!built)
        vstep_add(x, V_FAIL, xstrdup(model.output), "the model answer %s does not compile",
                  shown);
    else
        rc = check_agreement(x, &model);
    compile_result_clear(&model);
    if (rc == 0 && built && !vstep_cancelled(x))
        rc = check_graded(x);
    return rc == 0 ? VSTEP_NEXT : VSTEP_ERROR;
}
