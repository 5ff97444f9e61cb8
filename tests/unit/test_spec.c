/* Unit tests: spec loading and validation, with located errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/challenge.h"
#include "spec/gen.h"
#include "spec/spec.h"
#include "testutil.h"

static char *dir;

/* A small valid spec; %s slots let tests inject mistakes. */
static const char *good =
    "{\n"
    "  \"id\": \"t\",\n"
    "  \"title\": \"T\",\n"
    "  \"difficulty\": \"easy\",\n"
    "  \"minutes\": 5,\n"
    "  \"statement\": \"Do it.\",\n"
    "  \"reference\": \"ref.c\",\n"
    "  \"functions\": [{\"name\": \"f\", \"returns\": \"int\",\n"
    "    \"params\": [\n"
    "      {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},\n"
    "      {\"name\": \"n\", \"type\": \"int\"},\n"
    "      {\"name\": \"d\", \"type\": \"int\"},\n"
    "      {\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],\n"
    "  \"calls\": [{\"fn\": \"f\", \"result\": \"r\"}],\n"
    "  \"inputs\": {\"X\": {\"gen\": \"normal\"}},\n"
    "  \"checks\": [{\"output\": \"y\"}, {\"output\": \"r\", \"compare\": \"equal\"}],\n"
    "  \"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]\n"
    "}\n";

static challenge *load_text(const char *text, md_err *err)
{
    char *p = test_write(dir, "t.json", text);
    challenge *c = challenge_load(p, err);
    free(p);
    return c;
}

/* good with one substring replaced */
static challenge *load_with(const char *from, const char *to, md_err *err)
{
    const char *at = strstr(good, from);
    assert_non_null(at);
    strbuf sb = {0};
    sb_addn(&sb, good, (size_t)(at - good));
    sb_add(&sb, to);
    sb_add(&sb, at + strlen(from));
    challenge *c = load_text(sb_str(&sb), err);
    sb_free(&sb);
    return c;
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    free(test_write(dir, "ref.c", "int f(void) { return 0; }\n"));
    return dir ? 0 : -1;
}

static void valid_spec_should_load(void **state)
{
    (void)state;
    md_err err = {{0}};
    challenge *c = load_text(good, &err);
    assert_non_null(c);
    assert_string_equal(c->id, "t");
    assert_int_equal(c->nfunctions, 1);
    assert_int_equal(c->functions[0].nparams, 4);
    assert_int_equal(c->functions[0].params[3].dir, DIR_OUT);
    assert_int_equal(c->ncases, 1);
    /* correctness and organization apply; scaled later */
    assert_true(c->weights[CRIT_CORRECTNESS] > 0);
    assert_true(c->weights[CRIT_STABILITY] == 0);
    spec_free(c);
}

static void unknown_key_should_name_file_line_column_and_path(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("{\"name\": \"n\", \"type\": \"int\"}",
                          "{\"name\": \"n\", \"type\": \"int\", \"size\": 3}", &err));
    assert_non_null(strstr(err.msg, "t.json:11:"));
    assert_non_null(strstr(err.msg, "functions[0].params[1].size"));
    assert_non_null(strstr(err.msg, "unknown key"));
}

static void wrong_shape_type_should_be_located(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"shape\": [\"n\", \"d\"]", "\"shape\": \"n\"", &err));
    assert_non_null(strstr(err.msg, "functions[0].params[0].shape"));
    assert_non_null(strstr(err.msg, ":10:"));
    assert_non_null(strstr(err.msg, "expected an array"));
}

static void syntax_error_should_give_line_and_column(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"minutes\": 5,", "\"minutes\": 5", &err));
    assert_non_null(strstr(err.msg, "t.json:6:"));
    assert_non_null(strstr(err.msg, "invalid JSON"));
}

static void duplicate_key_should_be_refused(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"minutes\": 5,", "\"minutes\": 5, \"minutes\": 6,", &err));
    assert_non_null(strstr(err.msg, "duplicate key"));
    assert_non_null(strstr(err.msg, ":5:"));
}

static void missing_variable_should_name_the_case(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"vars\": {\"n\": 3, \"d\": 2}", "\"vars\": {\"n\": 3}", &err));
    assert_non_null(strstr(err.msg, "cases[0]"));
    assert_non_null(strstr(err.msg, "\"d\""));
}

static void generator_key_should_be_checked(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("{\"gen\": \"normal\"}", "{\"gen\": \"normal\", \"low\": 1}", &err));
    assert_non_null(strstr(err.msg, "inputs.X.low"));
    assert_non_null(strstr(err.msg, "mean, std"));
    assert_null(load_with("{\"gen\": \"normal\"}", "{\"gen\": \"gauss\"}", &err));
    assert_non_null(strstr(err.msg, "unknown generator"));
}

static void id_must_match_file_name(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"id\": \"t\"", "\"id\": \"other\"", &err));
    assert_non_null(strstr(err.msg, "differs from the file name"));
}

static void bad_reference_path_should_be_reported(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("\"ref.c\"", "\"missing.c\"", &err));
    assert_non_null(strstr(err.msg, "reference"));
    assert_non_null(strstr(err.msg, "not found"));
}

static void check_of_unknown_output_should_fail(void **state)
{
    (void)state;
    md_err err;
    assert_null(load_with("{\"output\": \"y\"}", "{\"output\": \"z\"}", &err));
    assert_non_null(strstr(err.msg, "\"z\""));
}

static void gradcheck_weights_should_load_and_be_checked(void **state)
{
    (void)state;
    md_err err;
    /* sum(X .* y) differentiated: weights of the loss array y */
    challenge *c = load_with("{\"output\": \"y\"}",
                             "{\"output\": \"y\", \"compare\": \"gradcheck\", "
                             "\"points\": \"X\", \"loss\": \"y\", \"weights\": \"X\"}",
                             &err);
    assert_non_null(c);
    assert_string_equal(c->checks[0].weights, "X");
    spec_free(c);
    /* weights belong to gradcheck only */
    assert_null(load_with("{\"output\": \"y\"}", "{\"output\": \"y\", \"weights\": \"X\"}",
                          &err));
    assert_non_null(strstr(err.msg, "checks[0].weights"));
    assert_non_null(strstr(err.msg, "gradcheck"));
    /* and must name a value of the case */
    assert_null(load_with("{\"output\": \"y\"}",
                          "{\"output\": \"y\", \"compare\": \"gradcheck\", "
                          "\"points\": \"X\", \"loss\": \"y\", \"weights\": \"W\"}",
                          &err));
    assert_non_null(strstr(err.msg, "\"W\""));
}

static void timing_advice_should_load(void **state)
{
    (void)state;
    md_err err;
    const char *from = "  \"cases\": [";
    challenge *c = load_with(from, "  \"timing\": {\"vars\": {\"n\": 100, \"d\": 2}, "
                                   "\"advice\": \"use a hash table\"},\n  \"cases\": [", &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_true(c->timing.enabled);
    assert_string_equal(c->timing.advice, "use a hash table");
    spec_free(c);
    c = load_with(from, "  \"timing\": {\"vars\": {\"n\": 100, \"d\": 2}},\n  \"cases\": [",
                  &err);
    assert_non_null(c);
    assert_null(c->timing.advice);
    spec_free(c);
    c = load_with(from, "  \"timing\": {\"advice\": 3},\n  \"cases\": [", &err);
    assert_null(c);
    assert_non_null(strstr(err.msg, "timing.advice"));
}

static void equivalent_mutants_should_load_and_be_checked(void **state)
{
    (void)state;
    md_err err;
    const char *from = "  \"cases\": [";
    challenge *c = load_with(from,
                             "  \"mutants\": {\"equivalent\": [{\"line\": \"if (d < best)\", "
                             "\"change\": \"< -> <=\", \"reason\": \"ties\"}]},\n  \"cases\": [",
                             &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_int_equal(c->nequivalents, 1);
    assert_string_equal(c->equivalents[0].line, "if (d < best)");
    assert_string_equal(c->equivalents[0].change, "< -> <=");
    assert_string_equal(c->equivalents[0].path, "mutants.equivalent[0]");
    spec_free(c);
    /* a reason is required, not blank */
    assert_null(load_with(from, "  \"mutants\": {\"equivalent\": [{\"line\": \"x\", "
                                "\"change\": \"< -> <=\"}]},\n  \"cases\": [", &err));
    assert_non_null(strstr(err.msg, "reason"));
    assert_null(load_with(from, "  \"mutants\": {\"equivalent\": [{\"line\": \"x\", "
                                "\"change\": \"< -> <=\", \"reason\": \" \"}]},\n  \"cases\": [",
                          &err));
    assert_non_null(strstr(err.msg, "mutants.equivalent[0]"));
    /* the change is written the way validate lists it */
    assert_null(load_with(from, "  \"mutants\": {\"equivalent\": [{\"line\": \"x\", "
                                "\"change\": \"<=\", \"reason\": \"r\"}]},\n  \"cases\": [",
                          &err));
    assert_non_null(strstr(err.msg, "\"< -> <=\""));
    assert_null(load_with(from, "  \"mutants\": {\"killed\": []},\n  \"cases\": [", &err));
    assert_non_null(strstr(err.msg, "mutants"));
}

static void every_builtin_spec_should_load(void **state)
{
    (void)state;
    const char *src = getenv("MLDRILL_SRC");
    assert_non_null(src);
    char *cdir = path_join(src, "challenges");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls %s/*.json", cdir);
    FILE *ls = popen(cmd, "r");
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, ls)) {
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "schema.json"))
            continue;
        md_err err = {{0}};
        challenge *c = challenge_load(line, &err);
        if (!c)
            fail_msg("%s", err.msg);
        spec_free(c);
        n++;
    }
    pclose(ls);
    free(cdir);
    assert_true(n >= 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_spec_should_load),
        cmocka_unit_test(unknown_key_should_name_file_line_column_and_path),
        cmocka_unit_test(wrong_shape_type_should_be_located),
        cmocka_unit_test(syntax_error_should_give_line_and_column),
        cmocka_unit_test(duplicate_key_should_be_refused),
        cmocka_unit_test(missing_variable_should_name_the_case),
        cmocka_unit_test(generator_key_should_be_checked),
        cmocka_unit_test(id_must_match_file_name),
        cmocka_unit_test(bad_reference_path_should_be_reported),
        cmocka_unit_test(check_of_unknown_output_should_fail),
        cmocka_unit_test(gradcheck_weights_should_load_and_be_checked),
        cmocka_unit_test(timing_advice_should_load),
        cmocka_unit_test(equivalent_mutants_should_load_and_be_checked),
        cmocka_unit_test(every_builtin_spec_should_load),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
