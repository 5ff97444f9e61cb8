/* batch: every submission gets one row whatever happens to it, rows agree
 * with grading the file alone, and the worker protocol survives a grader
 * that dies or overruns.  Uses softmax's example solutions, which include
 * a crash, an exit(), an endless loop, runaway allocation and a compile
 * error. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "instructor/batch.h"
#include "spec/catalog.h"
#include "config.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "unit/testutil.h"

static challenge *softmax;
static char *examples;      /* tests/solutions/softmax */

static int setup(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_IGN);    /* as the CLI does */
    catalog *cat = catalog_open(NULL, 0);
    md_err err;
    char *p = catalog_find(cat, "softmax", &err);
    softmax = p ? challenge_load(p, &err) : NULL;
    free(p);
    catalog_free(cat);
    if (!softmax)
        return -1;
    examples = xstrdup(softmax->examples);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    spec_free(softmax);
    free(examples);
    return 0;
}

static char *example(const char *name)
{
    return path_join(examples, name);
}

static const batch_row *row_of(const batch_row *rows, int n, const char *base)
{
    for (int i = 0; i < n; i++)
        if (strcmp(path_basename(rows[i].file), base) == 0)
            return &rows[i];
    fail_msg("no row for %s", base);
    return NULL;
}

static void every_submission_should_get_one_row(void **state)
{
    (void)state;
    char **files;
    md_err err;
    int n = batch_collect(&examples, 1, &files, &err);
    assert_true(n >= 10);
    batch_opts o = {0};
    o.jobs = 2;
    o.grade.have_seed = true;
    o.grade.seed = 11;
    o.grade.timing_budget_s = 0.2;
    batch_row *rows = xcalloc((size_t)n, sizeof *rows);
    assert_int_equal(batch_run(softmax, files, n, &o, rows, &err), 0);
    for (int i = 0; i < n; i++) {
        assert_string_equal(rows[i].file, files[i]);    /* in the order given */
        assert_true(rows[i].status != BATCH_ERROR);
        assert_non_null(rows[i].report_json);
        assert_true(rows[i].seed == 11);
    }
    const batch_row *r = row_of(rows, n, "accepted_blas.c");
    assert_true(r->passed && r->score > 90);
    assert_false(isnan(r->ratio));    /* timed, in the timing stage */
    assert_false(isnan(r->points[CRIT_VECTORIZATION]));
    r = row_of(rows, n, "wrong_signature.c");
    assert_int_equal(r->status, BATCH_COMPILE_ERROR);
    r = row_of(rows, n, "segfault.c");
    assert_false(r->passed);
    assert_non_null(strstr(r->report_json, "\"status\":\"crash\""));
    r = row_of(rows, n, "infinite_loop.c");
    assert_non_null(strstr(r->report_json, "\"status\":\"timeout\""));
    r = row_of(rows, n, "mistake_no_max_shift.c");
    assert_int_equal(r->nmistakes, 1);
    assert_string_equal(r->mistakes[0], "no_max_shift");
    assert_true(isnan(r->points[CRIT_CONVERGENCE]));    /* does not apply */

    /* CSV: a header and one line per row; JSON: one object per row */
    char *csv = batch_csv(rows, n);
    int lines = 0;
    for (const char *s = csv; *s; s++)
        lines += *s == '\n';
    assert_int_equal(lines, n + 1);
    assert_non_null(strstr(csv, "tests/solutions/softmax/wrong_signature.c,wrong_signature,"
                                "compile_error,\"compile_error: "));
    free(csv);
    char *json = batch_json(softmax, rows, n);
    int objects = 0;
    for (const char *s = json; (s = strstr(s, "\"submission\":")); s++)
        objects++;
    assert_int_equal(objects, n);
    free(json);
    for (int i = 0; i < n; i++) {
        batch_row_clear(&rows[i]);
        free(files[i]);
    }
    free(rows);
    free(files);
}

static void rows_should_match_grading_alone(void **state)
{
    (void)state;
    const char *names[] = {"accepted_loops.c", "mistake_no_max_shift.c", "global_state.c"};
    char *files[3];
    for (int i = 0; i < 3; i++)
        files[i] = example(names[i]);
    batch_opts o = {0};
    o.jobs = 2;
    o.grade.have_seed = true;
    o.grade.seed = 5;
    o.grade.no_timing = true;    /* timing varies; everything else must not */
    batch_row rows[3];
    md_err err;
    assert_int_equal(batch_run(softmax, files, 3, &o, rows, &err), 0);
    for (int i = 0; i < 3; i++) {
        grade_opts go = o.grade;
        report *r = grade_solution(softmax, files[i], &go, &err);
        assert_non_null(r);
        assert_int_equal((int)round(r->score), (int)round(rows[i].score));
        assert_int_equal(r->passed, rows[i].passed);
        /* whole points: the report's own, adding up */
        const batch_points *w = &rows[i].whole;
        int sum = 0, msum = 0;
        for (int k = 0; k < CRIT_COUNT; k++) {
            /* a criterion not graded this time (--no-timing) has no points */
            if (r->crit[k].applies && !r->crit[k].skipped) {
                assert_true(fabs(r->crit[k].score - rows[i].points[k]) < 0.06);
                assert_true(r->crit[k].score == w->crit[k]);
                assert_true(r->crit[k].max == w->crit_max[k]);
                assert_true(w->crit[k] <= w->crit_max[k]);
                sum += w->crit[k];
                msum += w->crit_max[k];
            } else {
                assert_true(isnan(rows[i].points[k]));
                assert_int_equal(w->crit[k], BATCH_EMPTY);
            }
        }
        assert_int_equal(sum, w->score);
        assert_int_equal(msum, w->max);
        assert_int_equal(w->score, (int)round(r->score));
        assert_int_equal(r->nmistakes, rows[i].nmistakes);
        report_free(r);
        batch_row_clear(&rows[i]);
        free(files[i]);
    }
}

/* Runs in the worker: makes the grader itself die on one submission. */
static char *die_on_accepted(void *ctx, const char *file, const report *r)
{
    (void)ctx;
    (void)r;
    if (strstr(file, "accepted_blas"))
        abort();
    return xstrdup("inspected");
}

static void a_dying_grader_should_cost_one_row(void **state)
{
    (void)state;
    char *files[] = {example("accepted_blas.c"), example("segfault.c")};
    batch_opts o = {0};
    o.grade.no_timing = true;
    o.inspect = die_on_accepted;
    batch_row rows[2];
    md_err err;
    assert_int_equal(batch_run(softmax, files, 2, &o, rows, &err), 0);
    assert_int_equal(rows[0].status, BATCH_ERROR);
    assert_non_null(strstr(rows[0].error, "the grader stopped on this submission"));
    assert_int_equal(rows[1].status, BATCH_GRADED);
    assert_string_equal(rows[1].note, "inspected");
    for (int i = 0; i < 2; i++) {
        batch_row_clear(&rows[i]);
        free(files[i]);
    }
}

static void a_submission_past_its_timeout_should_be_stopped(void **state)
{
    (void)state;
    char *files[] = {example("infinite_loop.c"), example("accepted_loops.c")};
    batch_opts o = {0};
    o.grade.no_timing = true;
    o.timeout_s = 1;    /* the loop's cases alone take longer */
    batch_row rows[2];
    md_err err;
    double t0 = now_seconds();
    assert_int_equal(batch_run(softmax, files, 2, &o, rows, &err), 0);
    assert_true(now_seconds() - t0 < 30);
    assert_int_equal(rows[0].status, BATCH_ERROR);
    assert_non_null(strstr(rows[0].error, "longer than 1 s"));
    /* a quick one may finish in time, or be stopped too; never lost */
    assert_true(rows[1].status == BATCH_GRADED || rows[1].status == BATCH_ERROR);
    for (int i = 0; i < 2; i++) {
        batch_row_clear(&rows[i]);
        free(files[i]);
    }
}

/* Processes whose command line mentions needle (the compiler of a given
 * file, wherever it was reparented); their count. */
static int processes_naming(const char *needle)
{
    DIR *d = opendir("/proc");
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d))) {
        if (atoi(de->d_name) <= 0)
            continue;
        char path[300], buf[4096];
        snprintf(path, sizeof path, "/proc/%s/cmdline", de->d_name);
        FILE *f = fopen(path, "re");
        if (!f)
            continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        for (size_t i = 0; i < len; i++)
            buf[i] = buf[i] ? buf[i] : ' ';
        buf[len] = '\0';
        n += strstr(buf, needle) != NULL;
    }
    if (d)
        closedir(d);
    return n;
}

static void a_worker_killed_mid_compile_should_leave_no_compiler(void **state)
{
    (void)state;
    /* ten million initialisers: the compiler works for seconds before it
     * runs out of memory, and the worker is stopped after one */
    char *dir = test_tmpdir();
    strbuf src = {0};
    sb_add(&src, "#define A0 1,1,1,1,1,1,1,1,1,1\n");
    for (int i = 1; i <= 6; i++) {
        sb_printf(&src, "#define A%d A%d", i, i - 1);
        for (int k = 1; k < 10; k++)
            sb_printf(&src, ",A%d", i - 1);
        sb_addc(&src, '\n');
    }
    sb_add(&src, "static const int slow_compile_bomb[] = {A6};\n"
                 "void softmax(const double *Z, int n, int k, double *P)\n"
                 "{ (void)Z; for (int i = 0; i < n * k; i++) P[i] = slow_compile_bomb[i]; }\n");
    char *file = test_write(dir, "slow_compile_bomb.c", sb_str(&src));
    sb_free(&src);
    char *files[] = {file};
    batch_opts o = {0};
    o.grade.no_timing = true;
    o.timeout_s = 1;
    batch_row rows[1];
    md_err err;
    assert_int_equal(batch_run(softmax, files, 1, &o, rows, &err), 0);
    assert_int_equal(rows[0].status, BATCH_ERROR);
    usleep(200 * 1000);
    assert_int_equal(processes_naming("slow_compile_bomb.c"), 0);
    batch_row_clear(&rows[0]);
    remove_tree(dir);
    free(dir);
    free(file);
}

static void collect_should_walk_directories(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *sub = path_join(dir, "sub");
    md_err err;
    assert_int_equal(mkdir_p(sub, &err), 0);
    free(test_write(sub, "b.c", "int x;\n"));
    free(test_write(dir, "a.c", "int x;\n"));
    free(test_write(dir, "notes.txt", "no\n"));
    char **files;
    int n = batch_collect(&dir, 1, &files, &err);
    assert_int_equal(n, 2);
    assert_non_null(strstr(files[0], "/a.c"));
    assert_non_null(strstr(files[1], "/sub/b.c"));
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
    char *missing = path_join(dir, "nope");
    assert_int_equal(batch_collect(&missing, 1, &files, &err), -1);
    assert_non_null(strstr(err.msg, "no such file"));
    free(missing);
    free(sub);
    free(dir);
}

static void collect_should_not_follow_links_out_of_the_folder(void **state)
{
    (void)state;
    char *dir = test_tmpdir(), *outside = test_tmpdir();
    free(test_write(outside, "other.c", "int x;\n"));
    free(test_write(dir, "a.c", "int x;\n"));
    char *loop = path_join(dir, "loop"), *out = path_join(dir, "out");
    char *zero = path_join(dir, "zero.c");
    assert_int_equal(symlink(".", loop), 0);        /* a link loop */
    assert_int_equal(symlink(outside, out), 0);     /* a folder elsewhere */
    assert_int_equal(symlink("/dev/zero", zero), 0);
    char **files;
    md_err err;
    int n = batch_collect(&dir, 1, &files, &err);
    assert_int_equal(n, 2);    /* a.c, and zero.c to be refused by name */
    assert_non_null(strstr(files[0], "/a.c"));
    assert_non_null(strstr(files[1], "/zero.c"));
    batch_opts o = {0};
    o.grade.no_timing = true;
    batch_row rows[2];
    double t0 = now_seconds();
    assert_int_equal(batch_run(softmax, files, n, &o, rows, &err), 0);
    assert_true(now_seconds() - t0 < 60);
    assert_true(rows[1].status == BATCH_ERROR);
    assert_non_null(strstr(rows[1].error, "symbolic link"));
    for (int i = 0; i < n; i++) {
        batch_row_clear(&rows[i]);
        free(files[i]);
    }
    free(files);
    remove_tree(dir);
    remove_tree(outside);
    free(loop);
    free(out);
    free(zero);
    free(dir);
    free(outside);
}

static void csv_should_quote_what_needs_it(void **state)
{
    (void)state;
    batch_row r = {0};
    r.file = xstrdup("odd, \"name\".c");
    r.student = xstrdup("=cmd|' /C calc'!A0");
    batch_row_failed(&r, "line one\nline two, \"quoted\"");
    r.ratio = NAN;
    for (int k = 0; k < CRIT_COUNT; k++)
        r.points[k] = NAN;
    char *csv = batch_csv(&r, 1);
    /* quoted where needed; a formula is not one; the reason on one line */
    assert_non_null(strstr(csv, "\n\"odd, \"\"name\"\".c\",'=cmd|' /C calc'!A0,error,"
                                "\"error: line one line two, \"\"quoted\"\"\",,,,"));
    free(csv);
    batch_row_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_submission_should_get_one_row),
        cmocka_unit_test(rows_should_match_grading_alone),
        cmocka_unit_test(a_dying_grader_should_cost_one_row),
        cmocka_unit_test(a_submission_past_its_timeout_should_be_stopped),
        cmocka_unit_test(a_worker_killed_mid_compile_should_leave_no_compiler),
        cmocka_unit_test(collect_should_walk_directories),
        cmocka_unit_test(collect_should_not_follow_links_out_of_the_folder),
        cmocka_unit_test(csv_should_quote_what_needs_it),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
