/* Unit tests: help (the honest record's rule): which help keeps a pass
 * "strong", and the words for it, as a table; a report taking the help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grade/help.h"

static void help_should_match_the_table(void **state)
{
    (void)state;
    static const struct {
        help_used h;
        const char *verdict, *want_verdict, *words;
    } table[] = {
        {{0, false, 0}, "strong", "strong", ""},
        {{1, false, 0}, "strong", "strong", "1 hint"},
        {{2, false, 0}, "strong", "pass", "2 hints"},
        {{0, true, 0}, "strong", "pass", "a peek at the answer"},
        {{0, false, 0.4}, "strong", "pass", "overtime +0:00"},
        {{3, false, 130}, "strong", "pass", "3 hints, overtime +2:10"},
        {{1, true, 3725}, "strong", "pass", "1 hint, a peek at the answer, overtime +1:02:05"},
        {{3, true, 0}, "pass", "pass", "3 hints, a peek at the answer"},
        {{3, true, 0}, "not yet", "not yet", "3 hints, a peek at the answer"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *v = help_verdict(table[i].verdict, &table[i].h);
        char *w = help_describe(&table[i].h);
        if (strcmp(v, table[i].want_verdict) != 0 || strcmp(w, table[i].words) != 0)
            fail_msg("row %zu: \"%s\" / \"%s\"", i, v, w);
        assert_int_equal(help_unaided(&table[i].h),
                         strcmp(table[i].want_verdict, "strong") == 0 ||
                             (!table[i].h.peeked && table[i].h.hints <= 1 &&
                              table[i].h.overtime_s <= 0));
        free(w);
    }
}

static void applying_help_should_keep_the_verdict_it_replaced(void **state)
{
    (void)state;
    report r;
    memset(&r, 0, sizeof r);
    r.verdict = "strong";
    help_used h = {3, true, 130};
    help_apply(&r, &h);
    assert_string_equal(r.verdict, "pass");
    assert_string_equal(r.verdict_unaided, "strong");
    assert_true(r.hints_used == 3 && r.peeked && r.overtime_s == 130);
    help_used back = help_of(&r);
    assert_true(back.hints == 3 && back.peeked && back.overtime_s == 130);
    memset(&r, 0, sizeof r);
    r.verdict = "strong";
    help_used one = {1, false, 0};
    help_apply(&r, &one);
    assert_string_equal(r.verdict, "strong");
    assert_null(r.verdict_unaided);    /* unchanged: nothing to keep */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_should_match_the_table),
        cmocka_unit_test(applying_help_should_keep_the_verdict_it_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
