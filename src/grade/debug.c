/* debug — `mldrill debug` (debug.h): grade to find the case, run the
 * reference on it, write the program, its comparisons, the prototypes
 * and the Makefile. */

#include "grade/debug.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grade/grade.h"
#include "grade/pipeline.h"
#include "util/suggest.h"

void debug_result_clear(debug_result *r)
{
    free(r->compiler_output);
    free(r->dir);
    free(r->case_name);
    free(r->message);
    free(r->shrunk);
    memset(r, 0, sizeof *r);
}

int debug_case_index(const challenge *c, const debug_opts *o, md_err *err)
{
    if (o->case_number) {
        if (o->case_number >= 1 && o->case_number <= c->ncases)
            return o->case_number - 1;
        md_fail(err, "%s has cases 1 to %d, not %d", c->id, c->ncases, o->case_number);
        return -2;
    }
    if (!o->case_name)
        return -1;
    const char **names = xcalloc((size_t)c->ncases + 1, sizeof(char *));
    int found = -2;
    for (int i = 0; i < c->ncases; i++) {
        names[i] = c->cases[i].name;
        if (strcmp(names[i], o->case_name) == 0 && found < 0)
            found = i;
    }
    int near = found < 0 ? suggest_closest(o->case_name, names, (size_t)c->ncases) : -1;
    if (found < 0)
        md_fail(err, "%s has no case \"%s\"%s%s%s (a case's number works too)", c->id,
                o->case_name, near >= 0 ? ": did you mean \"" : "",
                near >= 0 ? names[near] : "", near >= 0 ? "\"?" : "");
    free(names);
    return found;
}

/* The case asked for, else the first the grading r failed, else the
 * first. */
static int pick_case(const challenge *c, const report *r, const debug_opts *o, md_err *err)
{
    int i = debug_case_index(c, o, err);
    if (i != -1)
        return i < 0 ? -1 : i;
    for (i = 0; i < r->ncases; i++)
        if (r->cases[i].status != CS_PASS)
            return i;
    return 0;
}

char *debug_summary(const debug_result *res, const char *id)
{
    strbuf sb = {0};
    char shown[4096];
    const char *dir = path_shown(res->dir, shown, sizeof shown);
    sb_printf(&sb, "Wrote %s/ for %s, case %d \"", dir, id, res->case_number);
    sb_add_visible(&sb, res->case_name);
    sb_printf(&sb, "\" (%s)", res->visible ? "an example" : "hidden");
    if (res->shrunk)
        sb_printf(&sb, ", made smaller: %s", res->shrunk);
    sb_add(&sb, res->failed ? ".\nYour file fails it: " : ".\nYour file passes it.");
    if (res->failed)
        sb_add_visible(&sb, res->message ? res->message : "");
    sb_add(&sb, "\n  make -C ");
    sb_add_shell_word(&sb, dir);
    sb_add(&sb, "        builds it with your file and runs it\n  make -C ");
    sb_add_shell_word(&sb, dir);
    sb_add(&sb, " gdb    the same under gdb\n");
    return sb_take(&sb);
}

/* A line of text for a C or Makefile comment: no newline, no end of
 * comment, no control byte. */
static char *comment_safe(const char *s)
{
    strbuf sb = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '*' && p[1] == '/')
            sb_add(&sb, "* ");
        else
            sb_addc(&sb, *p < 0x20 || *p == 0x7f ? '?' : (char)*p);
    }
    return sb_take(&sb);
}

/* The first comment's text: the challenge, the case, how it was made. */
static char *about_text(const challenge *c, const debug_result *res)
{
    char *name = comment_safe(res->case_name);
    char *text = xasprintf("mldrill debug: %s, case %d \"%s\" (%s, seed %llu)%s%s", c->id,
                           res->case_number, name, res->visible ? "an example" : "hidden",
                           (unsigned long long)res->seed,
                           res->shrunk ? ", made smaller: " : "", res->shrunk ? res->shrunk : "");
    free(name);
    return text;
}

/* The case to write: case i of the grading r, at the sizes it shrank to
 * when it is the default case and did (case_var names borrowed from r). */
static int instantiate(const challenge *c, const report *r, int i, bool shrink, case_inst *ci,
                       md_err *err)
{
    const rshrunk *s = shrink ? r->cases[i].shrunk : NULL;
    int nset = s && s->found ? s->nvars : 0;
    case_var *set = xcalloc((size_t)nset + 1, sizeof(case_var));
    for (int k = 0; k < nset; k++)
        set[k] = (case_var){s->vars[k].name, s->vars[k].num};
    md_err e2;
    int rc = case_instantiate_vars(c, &c->cases[i], r->seed, set, nset, ci, &e2);
    free(set);
    return rc == 0 ? 0 : md_fail(err, "case \"%s\": %s", c->cases[i].name, e2.msg);
}

/* Runs the reference on ci (x owns it from here): its run is
 * x->jobs[1].runs[0]. */
static int run_reference(pipeline *x, case_inst *ci, md_err *err)
{
    x->cases = xcalloc(2, sizeof(case_inst *));
    x->cases[0] = ci;
    x->ncases = 1;
    if (pipeline_find_runner(x, false, "the runner (mldrill-runner) is missing", err) != 0 ||
        pipeline_build_reference(x, err) != 0)
        return -1;
    /* inputs a challenge's own generator programs fill */
    if (pipeline_generate(x, x->cases, 1, err) != 0)
        return -1;
    layout_opts lo = {0};
    lo.memory_bytes = (uint64_t)x->c->memory_mb << 20;
    x->lay = layout_build(x->cases, 1, &lo, err);
    if (!x->lay)
        return -1;
    x->jobs[1].so = x->ref.so_path;
    exec_opts eo = pipeline_exec_options(x);
    eo.progress = NULL;
    if (exec_run(x->lay, &x->jobs[1], 1, &eo, err) != 0)
        return -1;
    return pipeline_check_reference_runs(x, err);
}

/* Writes text as dir/name. */
static int put(const char *dir, const char *name, const char *text, md_err *err)
{
    char *path = path_join(dir, name);
    int rc = file_write_atomic(path, text, strlen(text), err);
    free(path);
    return rc;
}

/* The four files, and solution.c, a link to the learner's file. */
static int write_files(const challenge *c, const char *solution, const case_inst *ci,
                       const xrun *ref, const debug_result *res, md_err *err)
{
    char *about = about_text(c, res);
    char *abs = path_absolute(solution), *link = path_join(res->dir, "solution.c");
    char *program = debug_program(c, ci, ref, about);
    char *make = debug_makefile(abs, about);
    char *header = compile_header(c);
    int rc = mkdir_p(res->dir, err);
    if (rc == 0)
        rc = put(res->dir, "main.c", program, err);
    if (rc == 0)
        rc = put(res->dir, "check.h", debug_check_text, err);
    if (rc == 0)
        rc = put(res->dir, "prototypes.h", header, err);
    if (rc == 0)
        rc = put(res->dir, "Makefile", make, err);
    if (rc == 0 && (unlink(link), symlink(abs, link) != 0))
        rc = md_fail(err, "%s: %s", link, strerror(errno));
    free(about);
    free(abs);
    free(link);
    free(program);
    free(make);
    free(header);
    return rc;
}

/* What the grading says of case i, into res. */
static void describe(const challenge *c, const report *r, int i, bool shrink,
                     debug_result *res)
{
    const rcase *rc = &r->cases[i];
    res->case_name = xstrdup(rc->name);
    res->case_number = i + 1;
    res->visible = rc->visible;
    res->failed = rc->status != CS_PASS;
    res->seed = r->seed;
    if (shrink && rc->shrunk && rc->shrunk->found) {
        res->shrunk = xstrdup(rc->shrunk->sizes);
        res->message = xstrdup(rc->shrunk->message);
    } else {
        res->message = xstrdup(rc->message);
    }
    (void)c;
}

int debug_write(const challenge *c, const char *solution, const debug_opts *o,
                debug_result *res, md_err *err)
{
    memset(res, 0, sizeof *res);
    bool by_default = !o->case_name && !o->case_number;
    grade_opts go = {0};
    go.have_seed = o->have_seed;
    go.seed = o->seed;
    go.no_timing = true;
    go.no_shrink = !by_default;
    go.cancel = o->cancel;
    report *r = grade_solution(c, solution, &go, err);
    if (!r)
        return -1;
    if (r->compile_error) {
        res->compile_error = true;
        res->compiler_output = r->compiler_output;
        r->compiler_output = NULL;
        report_free(r);
        return 0;
    }
    int i = pick_case(c, r, o, err), rc = -1;
    case_inst *ci = xcalloc(1, sizeof *ci);
    pipeline x = {.c = c, .o = &go};
    if (i < 0 || instantiate(c, r, i, by_default, ci, err) != 0) {
        free(ci);
        goto out;
    }
    describe(c, r, i, by_default, res);
    res->dir = o->dir ? xstrdup(o->dir) : xasprintf("debug-%s", c->id);
    if (run_reference(&x, ci, err) == 0)
        rc = write_files(c, solution, ci, &x.jobs[1].runs[0], res, err);
out:
    pipeline_free(&x);
    report_free(r);
    return rc;
}
