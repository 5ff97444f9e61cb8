/* Unit tests: expr (size expressions). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/expr.h"

static int lookup(void *ctx, const char *name, double *out)
{
    (void)ctx;
    if (strcmp(name, "n") == 0)
        *out = 7;
    else if (strcmp(name, "d") == 0)
        *out = 3;
    else if (strcmp(name, "lr") == 0)
        *out = 0.5;
    else
        return -1;
    return 0;
}

static double eval(const char *s)
{
    md_err err;
    expr *e = expr_parse(s, &err);
    assert_non_null(e);
    double v;
    assert_int_equal(expr_eval(e, lookup, NULL, &v, &err), 0);
    expr_free(e);
    return v;
}

static void eval_should_follow_precedence(void **state)
{
    (void)state;
    assert_true(eval("n*d+1") == 22);
    assert_true(eval("1+n*d") == 22);
    assert_true(eval("(n+1)*d") == 24);
    assert_true(eval("-n+d") == -4);
    assert_true(eval("n - d - 1") == 3);
}

static void division_should_be_integer_for_integers(void **state)
{
    (void)state;
    assert_true(eval("n/2") == 3);
    assert_true(eval("(n + 2*1 - 3)/2 + 1") == 4);
    assert_true(fabs(eval("lr/2") - 0.25) < 1e-15);
    /* a literal written as real makes the division real */
    assert_true(fabs(eval("2.0/d") - 2.0 / 3) < 1e-15);
    assert_true(fabs(eval("sqrt(2.0/d)") - sqrt(2.0 / 3)) < 1e-15);
    assert_true(eval("2/d") == 0);
    assert_true(fabs(eval("1e0/n") - 1.0 / 7) < 1e-15);
    assert_true(eval("n % d") == 1);
}

static void functions_should_work(void **state)
{
    (void)state;
    assert_true(eval("max(1, n/10)") == 1);
    assert_true(eval("min(n, d)") == 3);
    assert_true(eval("sqrt(16)") == 4);
    assert_true(eval("ceil(lr)") == 1);
}

static void errors_should_say_where(void **state)
{
    (void)state;
    md_err err;
    assert_null(expr_parse("n*(d+1", &err));
    assert_non_null(strstr(err.msg, "expected ')'"));
    assert_null(expr_parse("n +", &err));
    assert_non_null(strstr(err.msg, "column"));
    assert_null(expr_parse("foo(3)", &err));
    assert_non_null(strstr(err.msg, "unknown function"));
    assert_null(expr_parse("n d", &err));

    expr *e = expr_parse("n*k", &err);
    double v;
    assert_int_equal(expr_eval(e, lookup, NULL, &v, &err), -1);
    assert_non_null(strstr(err.msg, "unknown name 'k'"));
    expr_free(e);

    e = expr_parse("n/(d-3)", &err);
    assert_int_equal(expr_eval(e, lookup, NULL, &v, &err), -1);
    assert_non_null(strstr(err.msg, "division by zero"));
    expr_free(e);
}

static void eval_int_should_check_range(void **state)
{
    (void)state;
    md_err err;
    long long out;
    expr *e = expr_parse("lr*3", &err);
    assert_int_equal(expr_eval_int(e, lookup, NULL, 0, 100, &out, &err), -1);
    assert_non_null(strstr(err.msg, "whole number"));
    expr_free(e);
    e = expr_parse("d-5", &err);
    assert_int_equal(expr_eval_int(e, lookup, NULL, 0, 100, &out, &err), -1);
    expr_free(e);
    e = expr_parse("n*d", &err);
    assert_int_equal(expr_eval_int(e, lookup, NULL, 0, 100, &out, &err), 0);
    assert_int_equal(out, 21);
    expr_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eval_should_follow_precedence),
        cmocka_unit_test(division_should_be_integer_for_integers),
        cmocka_unit_test(functions_should_work),
        cmocka_unit_test(errors_should_say_where),
        cmocka_unit_test(eval_int_should_check_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
