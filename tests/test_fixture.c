/* fixture (grade/fixture.h) and what mutation testing asks of exec: a
 * build graded on the fixture's cases gets the statuses grading gives,
 * per-case limits replace the cases' own, and stop_at_fault ends the runs
 * at the first abnormal ending.  Uses the mutation-testing fixture
 * challenge, tests/mutants/relu_sum (three cases), and builds the
 * variants from texts (compile_opts.text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grade/fixture.h"
#include "run/compile.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "util/util.h"

static challenge *relu;
static fixture *fx;

static const char RIGHT[] =
    "void relu_sum(const double *x, int n, double *out)\n"
    "{ double s = 0; for (int i = 0; i < n; i++) if (x[i] > 0) s += x[i]; *out = s; }\n";
static const char WRONG[] =    /* counts the negative entries too */
    "void relu_sum(const double *x, int n, double *out)\n"
    "{ double s = 0; for (int i = 0; i < n; i++) s += x[i]; *out = s; }\n";
static const char LOOPS[] =
    "void relu_sum(const double *x, int n, double *out)\n"
    "{ volatile int i = 0; (void)x; while (i < n) ; *out = 0; }\n";

static int setup(void **state)
{
    (void)state;
    const char *src = getenv("MLDRILL_SRC");
    if (!src)
        return -1;
    char *spec = path_join(src, "tests/mutants/relu_sum.json");
    md_err err;
    relu = challenge_load(spec, &err);
    free(spec);
    if (!relu) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    fx = fixture_new(relu, 1, NULL, &err);
    if (!fx)
        fprintf(stderr, "%s\n", err.msg);
    return fx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(fx);
    spec_free(relu);
    return 0;
}

/* Grades text (standing for the model answer) on the fixture. */
static report *grade_text(const char *text, const fixture_opts *o, double *wall)
{
    compile_opts co = {0};
    co.text = text;
    compile_result cr;
    md_err err;
    assert_int_equal(compile_file(relu, relu->model, &co, &cr, &err), 0);
    if (!cr.ok)
        fail_msg("%s", cr.output);
    report *r = fixture_grade(fx, cr.so_path, o, wall, &err);
    if (!r)
        fail_msg("%s", err.msg);
    compile_result_clear(&cr);
    return r;
}

static void right_build_should_pass_every_case(void **state)
{
    (void)state;
    assert_int_equal(fixture_ncases(fx), 3);
    double wall[3] = {-1, -1, -1};
    report *r = grade_text(RIGHT, NULL, wall);
    for (int i = 0; i < r->ncases; i++) {
        assert_int_equal(r->cases[i].status, CS_PASS);
        assert_true(wall[i] >= 0 && wall[i] < fixture_case_wall(fx, i));
    }
    assert_true(r->crit[CRIT_CORRECTNESS].passed);
    assert_false(r->crit[CRIT_VECTORIZATION].applies);
    report_free(r);
}

static void wrong_build_should_fail_the_cases_it_gets_wrong(void **state)
{
    (void)state;
    report *r = grade_text(WRONG, NULL, NULL);
    /* [-1, 2, 0.5], [-3], [-2, -1, 4]: every case has a negative entry */
    for (int i = 0; i < r->ncases; i++)
        assert_int_equal(r->cases[i].status, CS_FAIL);
    assert_false(r->crit[CRIT_CORRECTNESS].passed);
    report_free(r);
}

static void per_case_limits_should_replace_the_cases_own(void **state)
{
    (void)state;
    const double limits[3] = {0.2, 0.2, 0.2};
    fixture_opts o = {limits, false, NULL};
    double t0 = now_seconds();
    report *r = grade_text(LOOPS, &o, NULL);
    double took = now_seconds() - t0;
    /* two timeouts in a row, then the rest is not run (exec's own rule) */
    assert_int_equal(r->cases[0].status, CS_TIMEOUT);
    assert_int_equal(r->cases[1].status, CS_TIMEOUT);
    assert_non_null(strstr(r->cases[0].message, "0.2 s"));
    assert_non_null(strstr(r->cases[2].message, "not run"));
    assert_true(took < 2.0);    /* the cases' own limit is 2 s each */
    report_free(r);
}

static void stop_at_fault_should_end_the_runs_at_the_first(void **state)
{
    (void)state;
    const double limits[3] = {0.2, 0.2, 0.2};
    fixture_opts o = {limits, true, NULL};
    double t0 = now_seconds();
    report *r = grade_text(LOOPS, &o, NULL);
    double took = now_seconds() - t0;
    assert_int_equal(r->cases[0].status, CS_TIMEOUT);
    for (int i = 1; i < r->ncases; i++) {
        assert_int_not_equal(r->cases[i].status, CS_PASS);
        assert_int_not_equal(r->cases[i].status, CS_TIMEOUT);
        assert_non_null(strstr(r->cases[i].message, "not run"));
    }
    assert_true(took < 1.5);
    report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(right_build_should_pass_every_case),
        cmocka_unit_test(wrong_build_should_fail_the_cases_it_gets_wrong),
        cmocka_unit_test(per_case_limits_should_replace_the_cases_own),
        cmocka_unit_test(stop_at_fault_should_end_the_runs_at_the_first),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
