/* Unit tests: comparators, timing statistics and expectations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "grade/compare.h"
#include "run/plan.h"
#include "instructor/expect.h"
#include "grade/timing.h"
#include "testutil.h"

static value arr(const char *name, vtype t, long long rows, long long cols, const double *x)
{
    value v;
    memset(&v, 0, sizeof v);
    v.name = xstrdup(name);
    v.type = t;
    v.array = true;
    v.role = ROLE_OUTPUT;
    v.present = true;
    v.ndim = cols > 1 ? 2 : 1;
    v.dims[0] = rows;
    v.dims[1] = cols;
    v.count = rows * cols;
    if (t == VT_DOUBLE) {
        v.data = xmalloc(sizeof(double) * (size_t)v.count);
        memcpy(v.data, x, sizeof(double) * (size_t)v.count);
    } else {
        int *d = xmalloc(sizeof(int) * (size_t)v.count);
        for (long long i = 0; i < v.count; i++)
            d[i] = (int)x[i];
        v.data = d;
    }
    return v;
}

static check mkcheck(const char *out, cmp_kind k)
{
    check c;
    memset(&c, 0, sizeof c);
    c.output = (char *)out;
    c.kind = k;
    c.rtol = 1e-6;
    c.atol = 1e-9;
    return c;
}

static void allclose_should_name_the_index_and_nan(void **state)
{
    (void)state;
    double g[] = {1, 2, NAN, 4}, x[] = {1, 2, 3, 4.0000000001};
    value vg = arr("P", VT_DOUBLE, 2, 2, g), vx = arr("P", VT_DOUBLE, 2, 2, x);
    cmp_env eg = {NULL, &vg, 1}, ex = {NULL, &vx, 1};
    check c = mkcheck("P", CMP_ALLCLOSE);
    cmp_outcome o;
    compare_check(&c, &eg, &ex, &o);
    assert_false(o.ok);
    assert_true(o.nonfinite);
    assert_int_equal(o.index, 2);
    assert_string_equal(o.message, "P[1,0] is NaN, expected 3");
    value_clear(&vg);
    value_clear(&vx);
}

static void nearest_should_accept_either_side_of_a_tie(void **state)
{
    (void)state;
    /* the point (1, 0) is equally near both centroids; (0.1, 0) is not */
    double X[] = {1, 0, 0.1, 0}, C[] = {0, 0, 2, 0}, L1[] = {1, 0}, L0[] = {0, 0},
           Lbad[] = {0, 1};
    value vX = arr("X", VT_DOUBLE, 2, 2, X), vC = arr("C", VT_DOUBLE, 2, 2, C);
    value l1 = arr("labels", VT_INT, 2, 1, L1), l0 = arr("labels", VT_INT, 2, 1, L0),
          lb = arr("labels", VT_INT, 2, 1, Lbad);
    check c = mkcheck("labels", CMP_NEAREST);
    c.points = "X";
    c.centroids = "C";
    cmp_outcome o1, o2, o3;
    value g1[] = {l1, vX, vC}, g0[] = {l0, vX, vC}, gb[] = {lb, vX, vC};
    cmp_env e1 = {NULL, g1, 3}, e0 = {NULL, g0, 3}, eb = {NULL, gb, 3};
    compare_check(&c, &e1, &e0, &o1);
    compare_check(&c, &e0, &e1, &o2);
    compare_check(&c, &eb, &e0, &o3);
    value_clear(&vX);
    value_clear(&vC);
    value_clear(&l1);
    value_clear(&l0);
    value_clear(&lb);
    assert_true(o1.ok);
    assert_true(o2.ok);
    assert_false(o3.ok);
    assert_non_null(strstr(o3.message, "labels[1] is 1, expected 0"));
}

static void permutation_should_ignore_label_names(void **state)
{
    (void)state;
    double a[] = {0, 0, 1, 2, 2}, b[] = {2, 2, 0, 1, 1}, c_[] = {2, 2, 0, 1, 0};
    value va = arr("y", VT_INT, 5, 1, a), vb = arr("y", VT_INT, 5, 1, b),
          vc = arr("y", VT_INT, 5, 1, c_);
    check c = mkcheck("y", CMP_PERMUTATION);
    cmp_outcome o;
    cmp_env ea = {NULL, &va, 1}, eb = {NULL, &vb, 1}, ec = {NULL, &vc, 1};
    compare_check(&c, &eb, &ea, &o);
    assert_true(o.ok);
    compare_check(&c, &ec, &ea, &o);
    assert_false(o.ok);
    value_clear(&va);
    value_clear(&vb);
    value_clear(&vc);
}

static void partition_should_check_indices_and_class_counts(void **state)
{
    (void)state;
    /* 8 samples, classes 0 0 0 0 0 0 1 1; the reference puts 0, 3 and 6 in
     * test: two of class 0 and one of class 1 */
    double y[] = {0, 0, 0, 0, 0, 0, 1, 1};
    double xtr[] = {1, 2, 4, 5, 7}, xte[] = {0, 3, 6};
    value vy = arr("y", VT_INT, 8, 1, y);
    value vals_x[] = {arr("train", VT_INT, 5, 1, xtr), arr("test", VT_INT, 3, 1, xte), vy};
    cmp_env ex = {NULL, vals_x, 3};
    check c = mkcheck("train", CMP_PARTITION);
    c.other = "test";
    c.labels = "y";
    c.atol = 0;
    struct {
        double tr[5], te[3];
        bool ok;
        const char *msg;    /* part of the message when not ok */
    } t[] = {
        /* other samples, same class counts, any order: right */
        {{7, 5, 4, 0, 2}, {1, 6, 3}, true, NULL},
        /* class 1 count off by one (2 instead of 1): still within 1 */
        {{0, 1, 2, 3, 4}, {5, 6, 7}, true, NULL},
        /* three of class 0 and none of class 1 vs two and one: within 1 */
        {{1, 2, 4, 6, 7}, {0, 3, 5}, true, NULL},
        /* an index twice (and one missing) */
        {{1, 2, 4, 5, 7}, {0, 3, 3}, false, "index 3 appears twice"},
        /* an index out of range, an unwritten int */
        {{1, 2, 4, 5, 8}, {0, 3, 6}, false, "not an index"},
        {{1, 2, 4, 5, -1431655766}, {0, 3, 6}, false, "not an index"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        value vals_g[] = {arr("train", VT_INT, 5, 1, t[i].tr), arr("test", VT_INT, 3, 1, t[i].te),
                          vy};
        cmp_env eg = {NULL, vals_g, 3};
        cmp_outcome o;
        compare_check(&c, &eg, &ex, &o);
        assert_int_equal(o.ok, t[i].ok);
        if (t[i].msg)
            assert_non_null(strstr(o.message, t[i].msg));
        value_clear(&vals_g[0]);
        value_clear(&vals_g[1]);
    }

    /* class counts two away from the reference's: 10 samples, classes
     * 0 x5 and 1 x5, the reference's test holds two of each, this one four
     * of class 0 and none of class 1 */
    double y2[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    double rtr[] = {2, 3, 4, 7, 8, 9}, rte[] = {0, 1, 5, 6};
    double gtr[] = {4, 5, 6, 7, 8, 9}, gte[] = {0, 1, 2, 3};
    value vy2 = arr("y", VT_INT, 10, 1, y2);
    value vx2[] = {arr("train", VT_INT, 6, 1, rtr), arr("test", VT_INT, 4, 1, rte), vy2};
    value vg2[] = {arr("train", VT_INT, 6, 1, gtr), arr("test", VT_INT, 4, 1, gte), vy2};
    cmp_env ex2 = {NULL, vx2, 3}, eg2 = {NULL, vg2, 3};
    cmp_outcome o;
    compare_check(&c, &eg2, &ex2, &o);
    assert_false(o.ok);
    assert_string_equal(o.message, "test holds 4 samples of class 0, expected about 2 "
                                   "(class shares must be kept)");
    /* labels that are not class indices are refused, not used as indices */
    double ybad[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, -2};
    value vyb = arr("y", VT_INT, 10, 1, ybad);
    vg2[2] = vyb;
    compare_check(&c, &eg2, &ex2, &o);
    assert_false(o.ok);
    assert_non_null(strstr(o.message, "not a class index"));
    for (int i = 0; i < 2; i++) {
        value_clear(&vx2[i]);
        value_clear(&vg2[i]);
        value_clear(&vals_x[i]);
    }
    value_clear(&vy2);
    value_clear(&vyb);
    value_clear(&vy);
}

static void timing_should_take_the_median_ratio(void **state)
{
    (void)state;
    double u[] = {2.0, 2.2, 1.8, 2.0, 9.0}, r[] = {1, 1, 1, 1, 1};
    timing_stats st;
    timing_pairs(u, r, 5, &st);
    assert_true(fabs(st.ratio - 2.0) < 1e-12);
    assert_int_equal(st.outliers, 1);
    double size[] = {100, 200, 400}, t[] = {1, 4, 16};
    assert_true(fabs(timing_exponent(size, t, 3) - 2.0) < 1e-9);
    assert_true(timing_points(1.0, 2, 20, 20) == 20);
    assert_true(timing_points(20, 2, 20, 20) == 0);
    assert_true(fabs(timing_points(sqrt(40), 2, 20, 20) - 10) < 1e-9);
}

static void expectations_should_parse_and_compare(void **state)
{
    (void)state;
    expectation e;
    md_err err;
    assert_int_equal(expect_parse_text(" passed=no stability=fail mistake=x case=crash ", &e,
                                       &err), 0);
    assert_int_equal(e.passed, 0);
    assert_int_equal(e.crit[CRIT_STABILITY], 0);
    assert_int_equal(e.crit[CRIT_CORRECTNESS], -1);
    report r;
    memset(&r, 0, sizeof r);
    r.crit[CRIT_STABILITY].applies = true;
    r.crit[CRIT_STABILITY].passed = true;
    rcase rc = {.name = "a", .status = CS_CRASH};
    r.cases = &rc;
    r.ncases = 1;
    strbuf why = {0};
    /* stability passes and the mistake is not named: two differences */
    assert_int_equal(expect_verify(&e, &r, &why), 2);
    assert_non_null(strstr(sb_str(&why), "stability passes"));
    assert_non_null(strstr(sb_str(&why), "mistake x was not named"));
    sb_free(&why);
    expect_free(&e);
    assert_int_equal(expect_parse_text("speed=fast", &e, &err), -1);
    assert_non_null(strstr(err.msg, "unknown key"));
}

static void grad_loss_should_read_a_scalar_or_weight_an_array(void **state)
{
    (void)state;
    double Y[] = {1, 2, 3, 4}, dY[] = {0.5, -1, 2, 0.25}, short_w[] = {1, 1};
    value vals[3] = {arr("Y", VT_DOUBLE, 2, 2, Y), arr("dY", VT_DOUBLE, 2, 2, dY),
                     arr("w2", VT_DOUBLE, 2, 1, short_w)};
    vals[1].role = ROLE_INPUT;
    cmp_env e = {NULL, vals, 3};
    check c = mkcheck("dX", CMP_GRADCHECK);
    c.loss = "Y";
    double L = 0;
    /* without weights: the first element, as for a one-element output */
    assert_true(compare_grad_loss(&c, &e, &L));
    assert_true(L == 1);
    /* with weights: sum(dY .* Y) = 0.5 - 2 + 6 + 1 */
    c.weights = "dY";
    assert_true(compare_grad_loss(&c, &e, &L));
    assert_true(fabs(L - 5.5) < 1e-15);
    /* arrays of different lengths, an unknown weight, a loss never computed */
    c.weights = "w2";
    assert_false(compare_grad_loss(&c, &e, &L));
    c.weights = "nothing";
    assert_false(compare_grad_loss(&c, &e, &L));
    c.weights = "dY";
    vals[0].present = false;
    assert_false(compare_grad_loss(&c, &e, &L));
    for (int i = 0; i < 3; i++)
        value_clear(&vals[i]);
}


/* A rejected call's outputs, as data: each row an output's elements after
 * the call ("P" the poison a runner fills outputs with) and what
 * "untouched" must say. */
typedef struct untouched_row {
    const char *what;
    vrole role;
    vtype type;
    int n;
    const char *after;       /* per element: P (poison) or a number */
    const char *initial;     /* inout: the generated data, else NULL */
    const char *message;     /* NULL: passes */
} untouched_row;

static const untouched_row untouched_rows[] = {
    {"a double output never written", ROLE_OUTPUT, VT_DOUBLE, 3, "P P P", NULL, NULL},
    {"an int output never written", ROLE_OUTPUT, VT_INT, 2, "P P", NULL, NULL},
    {"an empty output (n = 0)", ROLE_OUTPUT, VT_DOUBLE, 0, "", NULL, NULL},
    {"an output zeroed before the check", ROLE_OUTPUT, VT_INT, 3, "P 0 P", NULL,
     "w[1] was written, but a rejected call must leave it untouched"},
    {"a NaN is not the poison", ROLE_OUTPUT, VT_DOUBLE, 2, "nan nan", NULL,
     "w[0] was written, but a rejected call must leave it untouched (2 of 2 elements)"},
    {"an inout left as generated", ROLE_INOUT, VT_DOUBLE, 3, "1 2 3", "1 2 3", NULL},
    {"an inout changed", ROLE_INOUT, VT_DOUBLE, 3, "1 2.5 3", "1 2 3",
     "w[1] was written, but a rejected call must leave it untouched"},
    {"a string output never written", ROLE_OUTPUT, VT_STRING, 2, "P P", NULL, NULL},
    {"a NULL written into a string output", ROLE_OUTPUT, VT_STRING, 2, "P N", NULL,
     "w[1] was written, but a rejected call must leave it untouched"},
};

/* The elements of a string array from "P N abc": P the poison (never
 * written), N NULL, anything else that string (owned by the array). */
static char **strings(int n, const char *text)
{
    char **d = xcalloc((size_t)n + 1, sizeof(char *));
    const char *p = text;
    for (int i = 0; i < n; i++) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        d[i] = len == 1 && *p == 'P'   ? VALUE_UNWRITTEN_STR
               : len == 1 && *p == 'N' ? NULL
                                       : xstrndup(p, len);
        p += len;
    }
    return d;
}

static void free_strings(char **d, int n)
{
    for (int i = 0; d && i < n; i++)
        if (!value_unwritten_str(d[i]))
            free(d[i]);
    free(d);
}

/* n elements from "P 1 2.5 nan" into a fresh array of type t (strings:
 * as strings() reads them). */
static void *elements(vtype t, int n, const char *text)
{
    if (t == VT_STRING)
        return strings(n, text);
    void *d = xcalloc((size_t)n + 1, 8);
    const char *p = text;
    for (int i = 0; i < n; i++) {
        while (*p == ' ')
            p++;
        bool poison = *p == 'P';
        double v = poison ? 0 : strtod(p, NULL);
        uint64_t bits = PLAN_POISON_DOUBLE_BITS;
        if (t == VT_INT)
            ((int *)d)[i] = poison ? PLAN_POISON_INT : (int)v;
        else if (poison)
            memcpy((double *)d + i, &bits, 8);
        else
            ((double *)d)[i] = v;
        p += strcspn(p, " ");
    }
    return d;
}

static void untouched_should_see_any_write(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof untouched_rows / sizeof untouched_rows[0]; i++) {
        const untouched_row *row = &untouched_rows[i];
        value got = {.name = "w", .type = row->type, .array = true, .role = row->role,
                     .ndim = 1, .dims = {row->n}, .count = row->n, .present = true};
        value init = got;
        got.data = elements(row->type, row->n, row->after);
        init.data = row->initial ? elements(row->type, row->n, row->initial) : NULL;
        case_inst ci = {.vals = &init, .nvals = row->initial ? 1 : 0};
        cmp_env eg = {&ci, &got, 1}, ex = {&ci, &got, 1};
        check c = mkcheck("w", CMP_UNTOUCHED);
        cmp_outcome o;
        compare_check(&c, &eg, &ex, &o);
        if (o.ok != !row->message || (row->message && strcmp(o.message, row->message)))
            fail_msg("%s: %s", row->what, o.ok ? "passes" : o.message);
        if (row->type == VT_STRING) {
            free_strings(got.data, row->n);
            free_strings(init.data, row->n);
        } else {
            free(got.data);
            free(init.data);
        }
    }
}

/* Arrays of strings compared "equal", as data: the solution's elements,
 * the reference's (strings() reads both), and the message (NULL: equal). */
static const struct {
    const char *what, *got, *want, *message;
} string_rows[] = {
    {"the same strings and NULLs", "a N b", "a N b", NULL},
    {"never written where NULL is expected", "a P b", "a N b",
     "w[1] was never written (expected NULL)"},
    {"never written where a string is expected", "P x", "cat x",
     "w[0] was never written (expected \"cat\")"},
    {"a NULL written where a string is expected", "a N", "a b",
     "w[1] is NULL, expected \"b\""},
    {"a string where the reference wrote nothing", "a x", "P x",
     "w[0] is \"a\", expected (never written)"},
    {"both never written", "P", "P", NULL},
};

static void equal_strings_should_tell_unwritten_from_null(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof string_rows / sizeof string_rows[0]; i++) {
        int n = 1;
        for (const char *p = string_rows[i].got; *p; p++)
            n += *p == ' ';
        value g = {.name = "w", .type = VT_STRING, .array = true, .role = ROLE_OUTPUT,
                   .ndim = 1, .dims = {n}, .count = n, .present = true};
        value x = g;
        g.data = strings(n, string_rows[i].got);
        x.data = strings(n, string_rows[i].want);
        cmp_env eg = {NULL, &g, 1}, ex = {NULL, &x, 1};
        check c = mkcheck("w", CMP_EQUAL);
        cmp_outcome o;
        compare_check(&c, &eg, &ex, &o);
        const char *m = string_rows[i].message;
        if (o.ok != !m || (m && strcmp(o.message, m) != 0))
            fail_msg("%s: %s", string_rows[i].what, o.ok ? "equal" : o.message);
        /* a copy keeps the unwritten element as itself */
        value copy;
        value_copy(&copy, &g);
        for (int k = 0; k < n; k++)
            assert_true(value_unwritten_str(((char **)copy.data)[k]) ==
                        value_unwritten_str(((char **)g.data)[k]));
        value_clear(&copy);
        free_strings(g.data, n);
        free_strings(x.data, n);
    }
}

static void a_fixed_value_should_replace_the_reference(void **state)
{
    (void)state;
    /* the reference returned a model, the check wants NULL: the declared
     * value decides, the reference is not read */
    value model = {.name = "m", .type = VT_HANDLE, .role = ROLE_RESULT, .num = 1,
                   .present = true};
    value null = model;
    null.num = 0;
    value minus1 = {.name = "r", .type = VT_INT, .role = ROLE_RESULT, .num = -1,
                    .present = true};
    value zero = minus1;
    zero.num = 0;
    check h = mkcheck("m", CMP_EQUAL), r = mkcheck("r", CMP_EQUAL);
    h.has_value = r.has_value = true;
    h.value = 0;
    r.value = -1;
    cmp_env got_null = {NULL, &null, 1}, got_model = {NULL, &model, 1},
            got_m1 = {NULL, &minus1, 1}, got_0 = {NULL, &zero, 1};
    cmp_outcome o;
    compare_check(&h, &got_null, &got_model, &o);
    assert_true(o.ok);
    compare_check(&h, &got_model, &got_null, &o);
    assert_false(o.ok);
    assert_string_equal(o.message, "m: returned a model, expected NULL (the arguments are invalid)");
    compare_check(&r, &got_m1, &got_0, &o);
    assert_true(o.ok);
    compare_check(&r, &got_0, &got_m1, &o);
    assert_false(o.ok);
    assert_string_equal(o.message, "r is 0, expected -1");
    /* matching a mistake variant compares with the variant's value */
    compare_like(&r, &got_0, &got_0, &o);
    assert_true(o.ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allclose_should_name_the_index_and_nan),
        cmocka_unit_test(nearest_should_accept_either_side_of_a_tie),
        cmocka_unit_test(permutation_should_ignore_label_names),
        cmocka_unit_test(partition_should_check_indices_and_class_counts),
        cmocka_unit_test(timing_should_take_the_median_ratio),
        cmocka_unit_test(expectations_should_parse_and_compare),
        cmocka_unit_test(grad_loss_should_read_a_scalar_or_weight_an_array),
        cmocka_unit_test(untouched_should_see_any_write),
        cmocka_unit_test(equal_strings_should_tell_unwritten_from_null),
        cmocka_unit_test(a_fixed_value_should_replace_the_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
