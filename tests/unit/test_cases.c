/* Unit tests: cases made concrete (spec/cases.h), as tables.  Each row is
 * a small spec (its functions, calls, inputs, checks and cases); the
 * tables give what instantiating its first case must produce (values with
 * their roles, types, shapes and numbers), the seeds inputs are drawn
 * from, the data of literal inputs, and the errors of resolving and of
 * instantiating. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/cases.h"
#include "spec/jsondoc.h"
#include "spec/spec.h"
#include "testutil.h"

static char *dir;

/* The spec whose functions and cases are body ("functions": ..., "cases": ...). */
static challenge *parse_spec(const char *body)
{
    char *text = xasprintf("{\"id\": \"c\", \"title\": \"C\", \"difficulty\": \"easy\", "
                           "\"minutes\": 5, \"statement\": \"s\", \"reference\": \"ref.c\", "
                           "%s}", body);
    char *file = path_join(dir, "c.json");
    jdoc d;
    md_err err = {{0}};
    challenge *c = NULL;
    if (jdoc_parse(&d, file, text, &err) == 0)
        c = spec_parse(&d, &err);
    jdoc_free(&d);
    free(file);
    if (!c)
        fail_msg("the spec does not parse: %s\n%s", err.msg, body);
    return c;
}

/* One function f(X[n][d], n, d, y[n] out) returning int, called once. */
#define F_XNDY                                                                      \
    "\"functions\": [{\"name\": \"f\", \"returns\": \"int\", \"params\": ["          \
    "{\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]}, "        \
    "{\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"}, "   \
    "{\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}], "

/* --- shapes, roles, types and variables ---------------------------------- */

typedef struct want_value {
    const char *name;
    vrole role;
    vtype type;
    int ndim;            /* arrays; -1 for a scalar */
    long long dims[2];
    double num;          /* variables */
} want_value;

#define SCALAR -1

static const struct shape_row {
    const char *what;
    const char *body;
    const char *grow;    /* scaled variable, or NULL */
    double scale;
    want_value want[8];  /* every value of the case, in any order */
} shape_rows[] = {
    {"sizes come from the parameters' shapes",
     F_XNDY "\"calls\": [{\"fn\": \"f\", \"result\": \"r\"}], "
            "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     NULL, 1,
     {{"n", ROLE_VAR, VT_INT, SCALAR, {0}, 3},
      {"d", ROLE_VAR, VT_INT, SCALAR, {0}, 2},
      {"X", ROLE_INPUT, VT_DOUBLE, 2, {3, 2}, 0},
      {"y", ROLE_OUTPUT, VT_DOUBLE, 1, {3}, 0},
      {"r", ROLE_RESULT, VT_INT, SCALAR, {0}, 0}}},
    {"bindings rename what a call passes; no result without a name",
     F_XNDY "\"calls\": [{\"fn\": \"f\", \"bind\": {\"X\": \"A\", \"n\": \"m\", \"y\": \"out\"}}], "
            "\"inputs\": {\"A\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"out\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"m\": 4, \"d\": 2}}]",
     NULL, 1,
     {{"m", ROLE_VAR, VT_INT, SCALAR, {0}, 4},
      {"d", ROLE_VAR, VT_INT, SCALAR, {0}, 2},
      {"A", ROLE_INPUT, VT_DOUBLE, 2, {4, 2}, 0},
      {"out", ROLE_OUTPUT, VT_DOUBLE, 1, {4}, 0}}},
    {"defaults, overridden by the case, may use one another; 0.5 is a double",
     F_XNDY "\"calls\": [{\"fn\": \"f\"}], \"defaults\": {\"n\": 5, \"d\": \"n+1\", \"lr\": 0.5}, "
            "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3}}]",
     NULL, 1,
     {{"n", ROLE_VAR, VT_INT, SCALAR, {0}, 3},
      {"d", ROLE_VAR, VT_INT, SCALAR, {0}, 4},
      {"lr", ROLE_VAR, VT_DOUBLE, SCALAR, {0}, 0.5},
      {"X", ROLE_INPUT, VT_DOUBLE, 2, {3, 4}, 0},
      {"y", ROLE_OUTPUT, VT_DOUBLE, 1, {3}, 0}}},
    {"grow scales one variable, rounded",
     F_XNDY "\"calls\": [{\"fn\": \"f\"}], "
            "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     "n", 2.5,
     {{"n", ROLE_VAR, VT_INT, SCALAR, {0}, 8},
      {"d", ROLE_VAR, VT_INT, SCALAR, {0}, 2},
      {"X", ROLE_INPUT, VT_DOUBLE, 2, {8, 2}, 0},
      {"y", ROLE_OUTPUT, VT_DOUBLE, 1, {8}, 0}}},
    {"an output feeds a later call; inout stays inout",
     "\"functions\": [{\"name\": \"f\", \"params\": ["
     "{\"name\": \"x\", \"type\": \"double[]\", \"dir\": \"inout\", \"shape\": [\"n\"]}, "
     "{\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}, "
     "{\"name\": \"g\", \"params\": ["
     "{\"name\": \"y\", \"type\": \"double[]\", \"shape\": [\"n\"]}, "
     "{\"name\": \"z\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": []}]}], "
     "\"inputs\": {\"x\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"z\"}], "
     "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 5}}]",
     NULL, 1,
     {{"n", ROLE_VAR, VT_INT, SCALAR, {0}, 5},
      {"x", ROLE_INOUT, VT_DOUBLE, 1, {5}, 0},
      {"y", ROLE_OUTPUT, VT_DOUBLE, 1, {5}, 0},
      {"z", ROLE_OUTPUT, VT_INT, 0, {0}, 0}}},
    {"a handle returned by one call and passed to the next",
     "\"functions\": [{\"name\": \"fit\", \"returns\": {\"type\": \"handle\", \"handle\": \"model\", "
     "\"name\": \"m\"}, \"params\": []}, {\"name\": \"predict\", \"params\": ["
     "{\"name\": \"m\", \"type\": \"handle\", \"handle\": \"model\"}, "
     "{\"name\": \"w\", \"type\": \"string[]\", \"shape\": [\"k\"]}, "
     "{\"name\": \"y\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"k\"]}]}], "
     "\"inputs\": {\"w\": {\"gen\": \"words\", \"vocab\": 3}}, \"checks\": [{\"output\": \"y\"}], "
     "\"cases\": [{\"name\": \"a\", \"vars\": {\"k\": 7}}]",
     NULL, 1,
     {{"k", ROLE_VAR, VT_INT, SCALAR, {0}, 7},
      {"m", ROLE_RESULT, VT_HANDLE, SCALAR, {0}, 0},
      {"w", ROLE_INPUT, VT_STRING, 1, {7}, 0},
      {"y", ROLE_OUTPUT, VT_INT, 1, {7}, 0}}},
};

static void check_value(const struct shape_row *row, const case_inst *ci, const want_value *w)
{
    const value *v = case_value(ci, w->name);
    if (!v)
        fail_msg("%s: no value \"%s\"", row->what, w->name);
    if (v->role != w->role || v->type != w->type || v->array != (w->ndim != SCALAR))
        fail_msg("%s: \"%s\" has role %d, type %s, array %d", row->what, w->name, v->role,
                 vtype_name(v->type), v->array);
    if (w->ndim != SCALAR) {
        assert_int_equal(v->ndim, w->ndim);
        long long count = 1;
        for (int k = 0; k < w->ndim; k++) {
            assert_int_equal(v->dims[k], w->dims[k]);
            count *= w->dims[k];
        }
        assert_int_equal(v->count, count);
        assert_non_null(v->data);    /* inputs generated, outputs created */
    }
    if (w->role == ROLE_VAR) {
        assert_true(v->num == w->num);
        assert_true(v->present);
    }
    if (w->role == ROLE_RESULT)
        assert_false(v->present);    /* set when the call runs */
}

static void instances_should_have_the_values_the_calls_need(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shape_rows / sizeof shape_rows[0]; i++) {
        const struct shape_row *row = &shape_rows[i];
        challenge *c = parse_spec(row->body);
        md_err err = {{0}};
        case_inst ci;
        if (case_resolve(c, &c->cases[0], row->grow, row->scale, &err) != 0 ||
            case_instantiate(c, &c->cases[0], 1, row->grow, row->scale, &ci, &err) != 0)
            fail_msg("%s: %s", row->what, err.msg);
        int n = 0;
        while (n < 8 && row->want[n].name)
            check_value(row, &ci, &row->want[n++]);
        if (ci.nvals != n)
            fail_msg("%s: %d values, expected %d", row->what, ci.nvals, n);
        case_inst_free(&ci);
        spec_free(c);
    }
}

/* Variables given values (case_instantiate_vars, for shrinking): they
 * replace their definitions, those defined in terms of them follow, the
 * seed stays the case's, and the shapes are the smaller ones. */
static void given_variables_should_replace_their_definitions(void **state)
{
    (void)state;
    challenge *c = parse_spec(
        F_XNDY "\"calls\": [{\"fn\": \"f\"}], \"defaults\": {\"n\": 8, \"d\": \"n/2\"}, "
               "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
               "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 6}}]");
    static const struct {
        case_var set[2];
        int nset;
        long long n, d;
    } rows[] = {
        {{{"n", 6}}, 0, 6, 3},                   /* nothing given: the case's own */
        {{{"n", 2}}, 1, 2, 1},                   /* d = n/2 follows */
        {{{"n", 4}, {"d", 1}}, 2, 4, 1},         /* a derived one given too */
    };
    case_inst full;
    md_err err;
    assert_int_equal(case_instantiate(c, &c->cases[0], 9, NULL, 1, &full, &err), 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        case_inst ci;
        if (case_instantiate_vars(c, &c->cases[0], 9, rows[i].set, rows[i].nset, &ci, &err))
            fail_msg("row %zu: %s", i, err.msg);
        assert_true(case_value(&ci, "n")->num == (double)rows[i].n);
        assert_true(case_value(&ci, "d")->num == (double)rows[i].d);
        const value *X = case_value(&ci, "X");
        assert_int_equal(X->dims[0], rows[i].n);
        assert_int_equal(X->dims[1], rows[i].d);
        assert_true(ci.seed == full.seed);
        case_inst_free(&ci);
    }
    case_inst_free(&full);
    assert_non_null(case_var_def(c, &c->cases[0], "d"));
    assert_string_equal(expr_text(case_var_def(c, &c->cases[0], "n")->value), "6");
    assert_null(case_var_def(c, &c->cases[0], "nosuch"));
    assert_non_null(case_input_def(c, &c->cases[0], "X"));
    assert_null(case_input_def(c, &c->cases[0], "y"));
    spec_free(c);
}

/* --- seeds and data ------------------------------------------------------ */

#define SEEDED                                                                          \
    F_XNDY "\"calls\": [{\"fn\": \"f\"}], \"defaults\": {\"n\": 4, \"d\": 3}, "        \
           "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], " \
           "\"cases\": [{\"name\": \"shown\", \"visible\": true}, {\"name\": \"hidden\"}, "  \
           "{\"name\": \"fixed\", \"seed\": 42}]"

static const struct seed_row {
    const char *case_name;
    bool follows_grading_seed;   /* hidden cases change with each grading */
    uint64_t seed;               /* else the seed, the same every time */
} seed_rows[] = {
    {"shown", false, 0},         /* 0: derived from the ids, pinned below */
    {"hidden", true, 0},
    {"fixed", false, 42},
};

static const case_spec *find_case(const challenge *c, const char *name)
{
    for (int i = 0; i < c->ncases; i++)
        if (strcmp(c->cases[i].name, name) == 0)
            return &c->cases[i];
    fail_msg("no case %s", name);
    return NULL;
}

/* X's data of a case instantiated for a grading seed (caller frees). */
static double *data_of(const challenge *c, const case_spec *cs, uint64_t grading_seed,
                       uint64_t *seed)
{
    case_inst ci;
    md_err err;
    if (case_instantiate(c, cs, grading_seed, NULL, 1, &ci, &err) != 0)
        fail_msg("%s", err.msg);
    const value *X = case_value(&ci, "X");
    double *copy = xmalloc(sizeof(double) * (size_t)X->count);
    memcpy(copy, X->data, sizeof(double) * (size_t)X->count);
    *seed = ci.seed;
    case_inst_free(&ci);
    return copy;
}

static void visible_cases_should_keep_their_seed_and_hidden_ones_follow_grading(void **state)
{
    (void)state;
    challenge *c = parse_spec(SEEDED);
    for (size_t i = 0; i < sizeof seed_rows / sizeof seed_rows[0]; i++) {
        const struct seed_row *row = &seed_rows[i];
        const case_spec *cs = find_case(c, row->case_name);
        uint64_t s1, s1b, s2;
        double *a = data_of(c, cs, 1, &s1);
        double *b = data_of(c, cs, 1, &s1b);
        double *other = data_of(c, cs, 2, &s2);
        assert_true(s1 == case_seed(c, cs, 1) && s2 == case_seed(c, cs, 2));
        assert_true(s1 == s1b);
        assert_memory_equal(a, b, sizeof(double) * 12);    /* one seed, one data */
        if (row->follows_grading_seed) {
            assert_true(s1 != s2);
            assert_memory_not_equal(a, other, sizeof(double) * 12);
        } else {
            assert_true(s1 == s2);
            assert_memory_equal(a, other, sizeof(double) * 12);
            if (row->seed)
                assert_true(s1 == row->seed);
        }
        free(a);
        free(b);
        free(other);
    }
    /* a visible case's seed comes from the challenge and case names only:
     * changing how it is derived changes every visible case's data */
    assert_true(case_seed(c, find_case(c, "shown"), 7) == 0x84e8eb7537dfc93dULL);
    spec_free(c);
}

/* Literal inputs arrive as written; outputs start zeroed; ints round. */
static void literal_inputs_should_arrive_as_written(void **state)
{
    (void)state;
    challenge *c = parse_spec(
        F_XNDY "\"calls\": [{\"fn\": \"f\"}], "
               "\"inputs\": {\"X\": {\"literal\": [[1, 2], [3, \"nan\"], [5, \"-inf\"]]}}, "
               "\"checks\": [{\"output\": \"y\"}], "
               "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]");
    case_inst ci;
    md_err err;
    assert_int_equal(case_instantiate(c, &c->cases[0], 1, NULL, 1, &ci, &err), 0);
    const double *X = case_value(&ci, "X")->data;
    assert_true(X[0] == 1 && X[1] == 2 && X[2] == 3 && isnan(X[3]) && X[4] == 5);
    assert_true(isinf(X[5]) && X[5] < 0);
    const double *y = case_value(&ci, "y")->data;
    for (int i = 0; i < 3; i++)
        assert_true(y[i] == 0);
    assert_int_equal(case_bytes(&ci), sizeof(double) * 9);
    case_inst_free(&ci);
    spec_free(c);
}

/* --- errors ----------------------------------------------------------------- */

static const struct error_row {
    const char *what;
    const char *body;
    bool generate;       /* the error comes when instantiating, not resolving */
    const char *grow;
    double scale;
    const char *message;
} error_rows[] = {
    {"a shape names variables of the case",
     F_XNDY "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3}}]",
     false, NULL, 1, "call 0 (f): shape of \"X\": unknown name 'd' (in \"d\")"},
    {"variables defined by one another",
     F_XNDY "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": \"d\", \"d\": \"n\"}}]",
     false, NULL, 1, "variable \"n\" is defined in terms of itself"},
    {"an input without a generator",
     F_XNDY "\"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     false, NULL, 1,
     "call 0 (f): parameter \"X\" reads \"X\", which has no generator in \"inputs\""},
    {"a check of nothing the calls pass",
     F_XNDY "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"q\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     false, NULL, 1, "check 0 names \"q\", which no call passes or returns in this case"},
    {"the memory limit at the timing scale",
     F_XNDY "\"inputs\": {\"X\": {\"gen\": \"normal\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 1000, \"d\": 1000}}]",
     false, "n", 100, "its arrays take 763 MiB, more than the memory limit of 512 MiB (limits.memory_mb)"},
    {"a literal of the wrong size",
     F_XNDY "\"inputs\": {\"X\": {\"literal\": [1, 2, 3]}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     true, NULL, 1, "input \"X\": the literal has 3 values, X needs 6"},
    {"ints with high below low",
     F_XNDY "\"inputs\": {\"X\": {\"gen\": \"ints\", \"low\": 5, \"high\": \"n\"}}, "
            "\"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     true, NULL, 1, "input \"X\": high (3) is below low (5)"},
    {"rows wants more distinct rows than there are",
     F_XNDY "\"defaults\": {\"m\": 2}, \"calls\": [{\"fn\": \"f\", \"bind\": {\"n\": \"m\", "
            "\"X\": \"W\", \"y\": \"yw\"}}, {\"fn\": \"f\"}], \"inputs\": {\"W\": {\"gen\": \"normal\"}, "
            "\"X\": {\"gen\": \"rows\", \"from\": \"W\"}}, \"checks\": [{\"output\": \"y\"}], "
            "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]",
     true, NULL, 1, "input \"X\": W has 2 rows, X needs 3 distinct rows"},
    {"a number too large for an int",
     "\"functions\": [{\"name\": \"f\", \"params\": [{\"name\": \"k\", \"type\": \"int[]\", "
     "\"shape\": [2]}]}], \"inputs\": {\"k\": {\"gen\": \"const\", \"value\": 1e10}}, "
     "\"checks\": [{\"output\": \"k\"}], \"cases\": [{\"name\": \"a\"}]",
     true, NULL, 1, "input \"k\": k[0] is 1e+10, which is not a valid int"},
    {"strings from a generator of numbers",
     "\"functions\": [{\"name\": \"f\", \"params\": [{\"name\": \"w\", \"type\": \"string[]\", "
     "\"shape\": [2]}]}], \"inputs\": {\"w\": {\"gen\": \"normal\"}}, "
     "\"checks\": [{\"output\": \"w\"}], \"cases\": [{\"name\": \"a\"}]",
     true, NULL, 1, "input \"w\": w holds strings: use {\"gen\": \"words\"} or a literal of strings"},
};

static void errors_should_name_what_does_not_resolve(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof error_rows / sizeof error_rows[0]; i++) {
        const struct error_row *row = &error_rows[i];
        challenge *c = parse_spec(row->body);
        md_err err = {{0}};
        int rc = case_resolve(c, &c->cases[0], row->grow, row->scale, &err);
        if (row->generate) {
            if (rc != 0)
                fail_msg("%s: resolving fails: %s", row->what, err.msg);
            case_inst ci;
            rc = case_instantiate(c, &c->cases[0], 1, row->grow, row->scale, &ci, &err);
            if (rc == 0)
                case_inst_free(&ci);
        }
        if (rc == 0 || strcmp(err.msg, row->message) != 0) {
            print_error("%s\n  expected: %s\n  got:      %s\n", row->what, row->message,
                        rc == 0 ? "(no error)" : err.msg);
            bad++;
        }
        spec_free(c);
    }
    assert_int_equal(bad, 0);
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    if (!dir)
        return -1;
    free(test_write(dir, "ref.c", "int f(void) { return 0; }\n"));
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(instances_should_have_the_values_the_calls_need),
        cmocka_unit_test(given_variables_should_replace_their_definitions),
        cmocka_unit_test(visible_cases_should_keep_their_seed_and_hidden_ones_follow_grading),
        cmocka_unit_test(literal_inputs_should_arrive_as_written),
        cmocka_unit_test(errors_should_name_what_does_not_resolve),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
