/* cli_instructor — see cli/instructor.h. */
#define _GNU_SOURCE

#include "cli/instructor.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "instructor/batch.h"
#include "instructor/mutation.h"
#include "instructor/validate.h"
#include "spec/catalog.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "util/rng.h"

/* Ctrl-C stops the work in progress cleanly (runners and workers are
 * stopped, nothing is left behind); main-level state, set by the handler. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void catch_interrupt(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_interrupt;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);    /* a closed output fails a write, not the process */
}

/* Parses a whole number option into *out; false (after a message) when it
 * is not one or lies outside [lo, hi]. */
static bool num_opt(const cli_ctx *x, const char *cmd, const char *name, const char *arg,
                    double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || *end || !*arg || !(v >= lo && v <= hi)) {
        fprintf(stderr, "%s %s: %s needs a number from %g to %g, got \"%s\"\n", x->prog, cmd,
                name, lo, hi, arg);
        return false;
    }
    *out = v;
    return true;
}

static bool seed_opt(const cli_ctx *x, const char *cmd, const char *arg, uint64_t *seed)
{
    char *end;
    errno = 0;
    *seed = strtoull(arg, &end, 10);
    if (errno || *end || !*arg) {
        fprintf(stderr, "%s %s: --seed needs a whole number, got \"%s\"\n", x->prog, cmd, arg);
        return false;
    }
    return true;
}

/* --- validate ------------------------------------------------------------------ */

static void validate_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [--challenges DIR] validate [ID|SPEC.json|DIR ...] [options]\n"
            "\n"
            "Checks challenges the way Kattis' verifyproblem checks a problem: the spec\n"
            "loads, the reference compiles and runs every case, the generators give\n"
            "the declared shapes, stability outputs are finite, every mistake variant\n"
            "differs from the reference, the model answer agrees with the reference\n"
            "and passes, every example solution gets the outcome its first line\n"
            "declares, and the timing curve separates the slow example from the\n"
            "accepted ones.  Without arguments, every challenge on the search path; a\n"
            "DIR means every spec in it (other JSON files are skipped with a note).\n"
            "\n"
            "Exit status: 0 every challenge valid, 1 a check failed, 2 bad usage or an\n"
            "unknown challenge, 3 mldrill itself failed.\n"
            "\n"
            "options:\n"
            "  -j, --jobs N       example solutions graded at once (default 2)\n"
            "  --seed N           seed for the hidden cases (default: a fresh one, printed)\n"
            "  --budget SECONDS   time spent timing each solution (default: the challenge's)\n"
            "  --no-examples      skip grading the example solutions (quick)\n"
            "  --strict           warnings count as failures\n"
            "  --mutants          mutation testing instead: mutate the model answer (or\n"
            "                     the reference), one change per mutant, grade every\n"
            "                     mutant on the cases at a fixed seed (--seed, default 1;\n"
            "                     --jobs workers) and list the survivors; fails below\n"
            "                     %.0f%% killed or on a stale equivalence declaration\n"
            "  -v, --verbose      also print the details of passing checks (with\n"
            "                     --mutants: every mutant and what killed it)\n"
            "  -h, --help         this help\n",
            prog, MUTATION_BAR);
}

typedef struct vprint {
    bool verbose, colour;
} vprint;

static void print_item(void *ctx, const validation *v, const vitem *it)
{
    (void)v;
    const vprint *p = ctx;
    vitem shown = *it;
    if (it->verdict == V_OK && !p->verbose)
        shown.detail = NULL;
    char *s = vitem_text(&shown, p->colour);
    fputs(s, stdout);
    fflush(stdout);
    free(s);
}

/* A JSON file that is not a challenge spec, skipped with a note (path and
 * why freed). */
static void note_skipped(const cli_ctx *x, char *path, char *why)
{
    fprintf(stderr, "%s validate: note: skipped %s: %s\n", x->prog, path, why);
    free(path);
    free(why);
}

/* Appends the spec paths a target names; false (after a message) when it
 * names nothing. */
static bool add_targets(cli_ctx *x, const char *t, char ***paths, int *n)
{
    if (dir_exists(t)) {
        DIR *d = opendir(t);
        struct dirent *de;
        int first = *n;
        while (d && (de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l < 6 || de->d_name[0] == '.' || strcmp(de->d_name + l - 5, ".json") != 0 ||
                strcmp(de->d_name, "schema.json") == 0)
                continue;
            char *p = path_join(t, de->d_name), *why = NULL;
            if (!catalog_is_spec(p, &why)) {
                note_skipped(x, p, why);
                continue;
            }
            *paths = xrealloc(*paths, sizeof(char *) * (size_t)(*n + 1));
            (*paths)[(*n)++] = p;
        }
        if (d)
            closedir(d);
        if (*n == first) {
            fprintf(stderr, "%s validate: no challenge specs (*.json) in %s\n", x->prog, t);
            return false;
        }
        return true;
    }
    md_err err;
    char *p = catalog_find(x->cat, t, &err);
    if (!p) {
        fprintf(stderr, "%s validate: %s\n", x->prog, err.msg);
        return false;
    }
    *paths = xrealloc(*paths, sizeof(char *) * (size_t)(*n + 1));
    (*paths)[(*n)++] = p;
    return true;
}

/* What `validate` was asked to do, and how it prints. */
typedef struct validate_cmd {
    validate_opts vo;
    vprint pr;
    bool strict;             /* warnings count as failures */
    bool mutants;            /* --mutants: mutation testing instead */
} validate_cmd;

/* Reads validate's options into *vc; false when the command ends there
 * (--help, or a bad option after its message), with the exit code in
 * *rc.  optind is then the first target. */
static bool validate_parse(cli_ctx *x, int argc, char **argv, validate_cmd *vc, int *rc)
{
    static const struct option opts[] = {
        {"jobs", required_argument, 0, 'j'},   {"seed", required_argument, 0, 's'},
        {"budget", required_argument, 0, 'b'}, {"no-examples", no_argument, 0, 'E'},
        {"strict", no_argument, 0, 'S'},       {"verbose", no_argument, 0, 'v'},
        {"mutants", no_argument, 0, 'M'},      {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    validate_opts *vo = &vc->vo;
    double d;
    int ch;
    *rc = EXIT_USAGE;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "j:vh", opts, NULL)) != -1) {
        switch (ch) {
        case 'j':
            if (!num_opt(x, "validate", "--jobs", optarg, 1, 64, &d))
                return false;
            vo->jobs = (int)d;
            break;
        case 's':
            if (!seed_opt(x, "validate", optarg, &vo->seed))
                return false;
            vo->have_seed = true;
            break;
        case 'b':
            if (!num_opt(x, "validate", "--budget", optarg, 0.05, 60, &vo->timing_budget_s))
                return false;
            break;
        case 'E': vo->no_examples = true; break;
        case 'S': vc->strict = true; break;
        case 'M': vc->mutants = true; break;
        case 'v': vc->pr.verbose = true; break;
        case 'h': validate_usage(stdout, x->prog); *rc = EXIT_PASSED; return false;
        default: validate_usage(stderr, x->prog); return false;
        }
    }
    return true;
}

/* The spec paths that targets[0..n) name, or every challenge on the
 * search path when there is none: all of them resolve before anything
 * runs.  EXIT_PASSED, or EXIT_USAGE after a message. */
static int validate_targets(cli_ctx *x, char **targets, int ntargets, char ***paths, int *n)
{
    int rc = EXIT_PASSED;
    if (ntargets == 0) {
        char **ids;
        catalog_skip *skipped;
        int nskipped;
        int nids = catalog_scan(x->cat, &ids, &skipped, &nskipped);
        for (int i = 0; i < nskipped; i++) {
            note_skipped(x, skipped[i].path, skipped[i].why);
            skipped[i].path = skipped[i].why = NULL;
        }
        catalog_skips_free(skipped, nskipped);
        for (int i = 0; i < nids; i++) {
            if (rc == EXIT_PASSED && !add_targets(x, ids[i], paths, n))
                rc = EXIT_USAGE;
            free(ids[i]);
        }
        free(ids);
        if (nids == 0) {
            fprintf(stderr, "%s validate: no challenges on the search path\n", x->prog);
            rc = EXIT_USAGE;
        }
    }
    for (int i = 0; i < ntargets && rc == EXIT_PASSED; i++)
        if (!add_targets(x, targets[i], paths, n))
            rc = EXIT_USAGE;
    return rc;
}

/* Validates each spec in turn, printing its items as they come and its
 * summary; then how many are valid.  The exit code. */
static int validate_all(cli_ctx *x, char **paths, int n, validate_cmd *vc)
{
    catch_interrupt();
    vc->vo.cancel = &interrupted;
    vc->vo.item = print_item;
    vc->vo.item_ctx = &vc->pr;
    int valid = 0, done = 0;
    for (int i = 0; i < n; i++) {
        printf("%svalidate %s\n", i ? "\n" : "", paths[i]);
        fflush(stdout);
        validation v;
        md_err err;
        if (validate_spec(paths[i], &vc->vo, &v, &err) != 0) {
            fprintf(stderr, "%s validate: %s\n", x->prog, err.msg);
            validation_clear(&v);
            return EXIT_INTERNAL;
        }
        if (v.id)
            printf("  seed %llu (--seed %llu repeats these cases)\n",
                   (unsigned long long)v.seed, (unsigned long long)v.seed);
        char *s = validation_summary(&v, vc->pr.colour);
        fputs(s, stdout);
        free(s);
        done++;
        valid += v.failures == 0 && (!vc->strict || v.warnings == 0);
        validation_clear(&v);
    }
    if (n > 1)
        printf("\n%d of %d challenges valid\n", valid, done);
    return valid < done ? EXIT_NOT_PASSED : EXIT_PASSED;
}

/* --mutants: the graded count, on a terminal only. */
static void mutants_progress(void *ctx, int done, int total)
{
    (void)ctx;
    fprintf(stderr, "\r  %d of %d mutants graded", done, total);
    if (done == total)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* Mutation-tests one spec, printing what it finds; adds its counts to
 * total.  The exit code for that spec. */
static int mutants_one(const char *path, const validate_cmd *vc, int *total)
{
    md_err err;
    challenge *c = challenge_load(path, &err);
    if (!c) {
        printf("%s: the spec does not load: %s\n", path, err.msg);
        return EXIT_NOT_PASSED;
    }
    char buf[4096];
    printf("mutants of %s, the %s of %s (seed %llu)\n",
           path_shown(c->model ? c->model : c->reference, buf, sizeof buf),
           c->model ? "model answer" : "reference (no model answer)", c->id,
           (unsigned long long)(vc->vo.have_seed ? vc->vo.seed : 1));
    fflush(stdout);
    mutation_opts mo = {vc->vo.jobs, vc->vo.have_seed, vc->vo.seed, &interrupted,
                        isatty(2) ? mutants_progress : NULL, NULL};
    mutation mu;
    int rc = EXIT_NOT_PASSED;
    if (mutation_run(c, &mo, &mu, &err) != 0) {
        printf("%s: %s\n", c->id, err.msg);
        rc = interrupted ? EXIT_INTERNAL : EXIT_NOT_PASSED;
    } else {
        char *text = mutation_text(c, &mu, vc->pr.verbose);
        fputs(text, stdout);
        free(text);
        for (int k = 0; k <= MS_ERROR; k++)
            total[k] += mu.count[k];
        rc = mutation_meets_bar(&mu) ? EXIT_PASSED : EXIT_NOT_PASSED;
    }
    fflush(stdout);
    mutation_clear(&mu);
    spec_free(c);
    return rc;
}

/* --mutants over every spec; with several, a last line for them all. */
static int mutants_all(char **paths, int n, const validate_cmd *vc)
{
    catch_interrupt();
    int total[MS_ERROR + 1] = {0}, rc = EXIT_PASSED;
    for (int i = 0; i < n && rc != EXIT_INTERNAL; i++) {
        if (i)
            putchar('\n');
        int r = mutants_one(paths[i], vc, total);
        rc = r > rc ? r : rc;
    }
    if (n > 1 && rc != EXIT_INTERNAL) {
        char *s = mutation_summary(total);
        printf("\n%d challenges, all mutants:\n%s", n, s);
        free(s);
    }
    return rc;
}

int cmd_validate(cli_ctx *x, int argc, char **argv)
{
    validate_cmd vc = {.pr = {false, use_colour(1)}};
    int rc;
    if (!validate_parse(x, argc, argv, &vc, &rc))
        return rc;
    char **paths = NULL;
    int n = 0;
    rc = validate_targets(x, argv + optind, argc - optind, &paths, &n);
    if (rc == EXIT_PASSED)
        rc = vc.mutants ? mutants_all(paths, n, &vc) : validate_all(x, paths, n, &vc);
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

/* --- batch ------------------------------------------------------------------------ */

static void batch_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s [--challenges DIR] batch CHALLENGE PATH... [options]\n"
            "\n"
            "Grades every submission: the files given, and the .c files found under\n"
            "each directory (recursively).  Correctness runs in parallel; the timing\n"
            "runs one submission at a time with nothing else grading, so timings stay\n"
            "fair.  One bad submission never stops the batch: each gets a row.  All\n"
            "submissions share one seed for the hidden cases (printed).\n"
            "\n"
            "Exit status: 0 every submission graded (whatever its score), 1 some\n"
            "submission could not be graded, 2 bad usage, 3 the batch could not run.\n"
            "\n"
            "options:\n"
            "  -j, --jobs N       submissions graded at once (default 2)\n"
            "  --csv FILE         write one CSV row per submission (- for stdout)\n"
            "  --json FILE        write the rows, with each full report, as JSON (-: stdout)\n"
            "  --feedback DIR     write each student's report, as they would read it, to\n"
            "                     DIR/STUDENT.txt\n"
            "  --summary FILE     write the class summary as Markdown (- for stdout)\n"
            "  --seed N           seed for the hidden cases (default: a fresh one)\n"
            "  --budget SECONDS   time spent timing each submission\n"
            "  --no-timing        skip the vectorization timing\n"
            "  --timeout SECONDS  stop grading a submission after this long (default 600)\n"
            "  -q, --quiet        no line per submission\n"
            "  -h, --help         this help\n"
            "\n"
            "CSV columns: submission, student (the file's stem, or its folder below\n"
            "a directory given), status (graded, compile_error, error), reason (what\n"
            "failed first: compile_error, crash, timeout, memory, forbidden, wrong,\n"
            "error or a criterion, with its message), score, max, passed, then each\n"
            "criterion's points and <criterion>_max (whole points that add up to\n"
            "score and max; empty when not reached), mistakes (;-separated), seed,\n"
            "seconds.  A short class summary closes the output.\n",
            prog);
}

typedef struct bprint {
    FILE *f;
    bool quiet;
} bprint;

static void print_row(void *ctx, const batch_row *r, int ndone, int total)
{
    const bprint *p = ctx;
    if (p->quiet)
        return;
    int w = total >= 100 ? 3 : total >= 10 ? 2 : 1;
    /* a file's name is the student's choice: its control bytes are shown */
    strbuf line = {0};
    sb_printf(&line, "[%*d/%d] ", w, ndone, total);
    if (r->status == BATCH_ERROR)
        sb_add(&line, "error            ");
    else
        sb_printf(&line, "%3d %-13s ", r->whole.score,
                  r->status == BATCH_COMPILE_ERROR ? "compile error"
                  : r->passed                      ? "passed"
                                                   : "not passed");
    sb_add_visible(&line, r->file);
    if (r->status == BATCH_ERROR) {
        sb_add(&line, ": ");
        sb_add_visible(&line, r->reason ? r->reason : "");
    }
    for (int m = 0; m < r->nmistakes; m++)
        sb_printf(&line, "%s%s", m ? ", " : "  mistakes: ", r->mistakes[m]);
    sb_addc(&line, '\n');
    fputs(sb_str(&line), p->f);
    sb_free(&line);
    fflush(p->f);
}

static int write_out(const cli_ctx *x, const char *path, char *text)
{
    int rc = 0;
    if (strcmp(path, "-") == 0) {
        fputs(text, stdout);
        if (*text && text[strlen(text) - 1] != '\n')
            fputc('\n', stdout);
    } else {
        md_err err;
        if (file_write_atomic(path, text, strlen(text), &err) != 0) {
            fprintf(stderr, "%s batch: %s\n", x->prog, err.msg);
            rc = -1;
        }
    }
    free(text);
    return rc;
}

/* What `batch` was asked to do, and how it prints. */
typedef struct batch_cmd {
    batch_opts bo;
    const char *csv, *json;  /* where the rows go ("-": stdout), or NULL */
    const char *summary;     /* the Markdown summary's file ("-": stdout), or NULL */
    const char *feedback;    /* the directory of the students' reports, or NULL */
    bprint pr;
} batch_cmd;

/* Reads batch's options into *bc and checks its arguments; false when the
 * command ends there (--help, or bad usage after its message), with the
 * exit code in *rc.  optind is then the challenge, the paths follow. */
static bool batch_parse(cli_ctx *x, int argc, char **argv, batch_cmd *bc, int *rc)
{
    static const struct option opts[] = {
        {"jobs", required_argument, 0, 'j'},    {"csv", required_argument, 0, 'c'},
        {"json", required_argument, 0, 'J'},    {"seed", required_argument, 0, 's'},
        {"budget", required_argument, 0, 'b'},  {"no-timing", no_argument, 0, 'T'},
        {"timeout", required_argument, 0, 't'}, {"quiet", no_argument, 0, 'q'},
        {"summary", required_argument, 0, 'S'}, {"feedback", required_argument, 0, 'F'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    batch_opts *bo = &bc->bo;
    double d;
    int ch;
    *rc = EXIT_USAGE;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "j:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'j':
            if (!num_opt(x, "batch", "--jobs", optarg, 1, 64, &d))
                return false;
            bo->jobs = (int)d;
            break;
        case 'c': bc->csv = optarg; break;
        case 'J': bc->json = optarg; break;
        case 's':
            if (!seed_opt(x, "batch", optarg, &bo->grade.seed))
                return false;
            bo->grade.have_seed = true;
            break;
        case 'b':
            if (!num_opt(x, "batch", "--budget", optarg, 0.05, 60, &bo->grade.timing_budget_s))
                return false;
            break;
        case 'T': bo->grade.no_timing = true; break;
        case 't':
            if (!num_opt(x, "batch", "--timeout", optarg, 1, 86400, &bo->timeout_s))
                return false;
            break;
        case 'q': bc->pr.quiet = true; break;
        case 'S': bc->summary = optarg; break;
        case 'F': bc->feedback = optarg; bo->text = true; break;
        case 'h': batch_usage(stdout, x->prog); *rc = EXIT_PASSED; return false;
        default: batch_usage(stderr, x->prog); return false;
        }
    }
    if (argc - optind < 2) {
        batch_usage(stderr, x->prog);
        return false;
    }
    int to_stdout = (bc->csv && strcmp(bc->csv, "-") == 0) +
                    (bc->json && strcmp(bc->json, "-") == 0) +
                    (bc->summary && strcmp(bc->summary, "-") == 0);
    if (to_stdout > 1) {
        fprintf(stderr, "%s batch: only one of --csv, --json and --summary can go to stdout\n",
                x->prog);
        return false;
    }
    if (to_stdout)
        bc->pr.f = stderr;    /* stdout carries the data */
    return true;
}

/* The submissions the paths name (batch_collect), with their count in
 * *n; NULL after a message when a path is missing or names no .c file. */
static char **batch_files(const cli_ctx *x, char *const *paths, int npaths, int *n)
{
    md_err err;
    char **files;
    *n = batch_collect(paths, npaths, &files, &err);
    if (*n < 0) {
        fprintf(stderr, "%s batch: %s\n", x->prog, err.msg);
        return NULL;
    }
    if (*n == 0) {
        fprintf(stderr, "%s batch: no .c files to grade\n", x->prog);
        free(files);
        return NULL;
    }
    return files;
}

/* A student's name as a file name: no '/', no control character, and
 * not one already taken (then "-2", "-3", ...).  Caller frees. */
static char *feedback_name(const char *student, char **taken, int ntaken)
{
    char *base = xstrdup(*student ? student : "submission");
    for (char *p = base; *p; p++)
        if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '_';
    char *name = xasprintf("%s.txt", base);
    for (int k = 2, i = 0; i < ntaken; i++)
        if (strcmp(taken[i], name) == 0) {
            free(name);
            name = xasprintf("%s-%d.txt", base, k++);
            i = -1;    /* check the new name against all of them */
        }
    free(base);
    return name;
}

/* --feedback: each row's report, as the student would read it, in
 * DIR/<student>.txt.  -1 after a message when one cannot be written. */
static int write_feedback(const cli_ctx *x, const char *dir, const batch_row *rows, int n)
{
    md_err err;
    if (mkdir_p(dir, &err) != 0) {
        fprintf(stderr, "%s batch: %s\n", x->prog, err.msg);
        return -1;
    }
    char **names = xcalloc((size_t)n + 1, sizeof(char *));
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const batch_row *r = &rows[i];
        names[i] = feedback_name(r->student, names, i);
        char *path = path_join(dir, names[i]);
        char *text = r->report_text
                         ? xstrdup(r->report_text)
                         : xasprintf("%s could not be graded: %s\n", path_basename(r->file),
                                     r->reason ? r->reason : "an error");
        if (file_write_atomic(path, text, strlen(text), &err) != 0) {
            fprintf(stderr, "%s batch: %s\n", x->prog, err.msg);
            rc = -1;
        }
        free(text);
        free(path);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* The closing lines (the short class summary), then the CSV, the JSON,
 * the Markdown summary and the feedback files; the exit code. */
static int batch_finish(const cli_ctx *x, const batch_cmd *bc, const challenge *c,
                        const batch_row *rows, int n, double secs)
{
    int count[3] = {0};
    for (int i = 0; i < n; i++)
        count[rows[i].status]++;
    fprintf(bc->pr.f, "%d submission%s graded in %.1f s (%.2f submissions/s)\n", n,
            n == 1 ? "" : "s", secs, n / secs);
    char *s = batch_summary_text(c, rows, n);
    fputs(s, bc->pr.f);
    free(s);
    if ((bc->csv && write_out(x, bc->csv, batch_csv(rows, n)) != 0) ||
        (bc->json && write_out(x, bc->json, batch_json(c, rows, n)) != 0) ||
        (bc->summary && write_out(x, bc->summary, batch_summary_md(c, rows, n)) != 0) ||
        (bc->feedback && write_feedback(x, bc->feedback, rows, n) != 0))
        return EXIT_INTERNAL;
    return count[BATCH_ERROR] ? EXIT_NOT_PASSED : EXIT_PASSED;
}

/* Grades files[0..n) with one seed for all, a line per submission as it
 * completes, then the summary; the exit code. */
static int batch_grade(const cli_ctx *x, batch_cmd *bc, const challenge *c, char **files,
                       int n)
{
    batch_opts *bo = &bc->bo;
    /* one seed for everyone: the same hidden cases for every submission */
    if (!bo->grade.have_seed) {
        bo->grade.have_seed = true;
        bo->grade.seed = rng_os_seed();
    }
    catch_interrupt();
    bo->cancel = &interrupted;
    bo->done = print_row;
    bo->done_ctx = &bc->pr;
    if (!bc->pr.quiet)
        fprintf(bc->pr.f, "grading %d submission%s to %s with %d job%s, seed %llu\n", n,
                n == 1 ? "" : "s", c->id, bo->jobs > 0 ? bo->jobs : 2,
                bo->jobs == 1 ? "" : "s", (unsigned long long)bo->grade.seed);
    batch_row *rows = xcalloc((size_t)n, sizeof(batch_row));
    double t0 = now_seconds();
    int rc = EXIT_PASSED;
    md_err err;
    if (batch_run(c, files, n, bo, rows, &err) != 0) {
        fprintf(stderr, "%s batch: %s\n", x->prog, err.msg);
        rc = EXIT_INTERNAL;
    }
    double secs = now_seconds() - t0;
    if (rc == EXIT_PASSED)
        rc = batch_finish(x, bc, c, rows, n, secs);
    for (int i = 0; i < n; i++)
        batch_row_clear(&rows[i]);
    free(rows);
    return rc;
}

int cmd_batch(cli_ctx *x, int argc, char **argv)
{
    batch_cmd bc = {.pr = {stdout, false}};
    int rc, n;
    if (!batch_parse(x, argc, argv, &bc, &rc))
        return rc;
    const char *id = argv[optind];
    char **paths = argv + optind + 1;
    int npaths = argc - optind - 1;
    char **files = batch_files(x, paths, npaths, &n);
    if (!files)
        return EXIT_USAGE;
    char **students = xcalloc((size_t)n + 1, sizeof(char *));
    for (int i = 0; i < n; i++)
        students[i] = batch_student(paths, npaths, files[i]);
    bc.bo.students = students;
    challenge *c = cli_load(x, id);
    rc = EXIT_USAGE;
    if (c) {
        rc = batch_grade(x, &bc, c, files, n);
        spec_free(c);
    }
    for (int i = 0; i < n; i++) {
        free(files[i]);
        free(students[i]);
    }
    free(files);
    free(students);
    return rc;
}
