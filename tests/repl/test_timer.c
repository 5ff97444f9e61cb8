/* The countdown (repl_timer): when each warning falls due, which are
 * skipped, how the prompt shows the time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "repl/timer.h"

static void warnings_should_come_at_five_one_and_zero_minutes(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 1000.0, 30 * 60, 1);
    assert_int_equal(rtimer_due(&t, 1000.0), RT_NONE);
    assert_int_equal(rtimer_due(&t, 1000.0 + 25 * 60 - 1), RT_NONE);
    assert_int_equal(rtimer_due(&t, 1000.0 + 25 * 60), RT_FIVE_MINUTES);
    assert_int_equal(rtimer_due(&t, 1000.0 + 25 * 60 + 1), RT_NONE);    /* given once */
    assert_int_equal(rtimer_due(&t, 1000.0 + 29 * 60), RT_ONE_MINUTE);
    assert_int_equal(rtimer_due(&t, 1000.0 + 30 * 60 - 0.5), RT_NONE);
    assert_int_equal(rtimer_due(&t, 1000.0 + 30 * 60), RT_TIME_UP);
    assert_int_equal(rtimer_due(&t, 1000.0 + 40 * 60), RT_NONE);
    assert_true(rtimer_left(&t, 1000.0 + 31 * 60) < 0);
}

static void a_resumed_clock_should_go_on_from_the_time_left(void **state)
{
    (void)state;
    rtimer t;
    /* 30 minutes, 27 already spent when the learner quit */
    rtimer_resume(&t, 500.0, 30 * 60, 27 * 60, 1);
    assert_true(rtimer_elapsed(&t, 500.0) == 27 * 60);
    assert_true(rtimer_left(&t, 560.0) == 2 * 60);
    /* the 5-minute warning was past already: not given now */
    assert_int_equal(rtimer_due(&t, 500.0), RT_NONE);
    assert_int_equal(rtimer_due(&t, 620.0), RT_ONE_MINUTE);
    assert_int_equal(rtimer_due(&t, 680.0), RT_TIME_UP);
    /* resumed already over: no "time is up" again, the overtime counts on */
    rtimer_resume(&t, 0, 10 * 60, 11 * 60, 60);
    assert_int_equal(rtimer_due(&t, 0.5), RT_NONE);
    assert_true(rtimer_left(&t, 1.0) == -2 * 60);
    /* nothing spent: the same as a start */
    rtimer_resume(&t, 0, 10 * 60, 0, 1);
    assert_int_equal(rtimer_due(&t, 5 * 60), RT_FIVE_MINUTES);
}

static void a_short_limit_should_skip_the_warnings_before_its_start(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 0, 3 * 60, 1);    /* 3 minutes: no "5 minutes left" */
    assert_int_equal(rtimer_due(&t, 0), RT_NONE);
    assert_int_equal(rtimer_due(&t, 2 * 60), RT_ONE_MINUTE);
    assert_int_equal(rtimer_due(&t, 3 * 60), RT_TIME_UP);
    rtimer_start(&t, 0, 5 * 60, 1);    /* exactly 5: that warning would be at the start */
    assert_int_equal(rtimer_due(&t, 1), RT_NONE);
}

static void warnings_due_together_should_give_only_the_latest(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 0, 10 * 60, 1);
    /* the laptop slept through both warnings and the end */
    assert_int_equal(rtimer_due(&t, 11 * 60), RT_TIME_UP);
    assert_int_equal(rtimer_due(&t, 12 * 60), RT_NONE);
}

static void the_scale_should_speed_the_clock_up(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 0, 6 * 60, 60);    /* a minute per second */
    assert_true(rtimer_elapsed(&t, 2.0) > 119.9 && rtimer_elapsed(&t, 2.0) < 120.1);
    assert_int_equal(rtimer_due(&t, 1.0), RT_FIVE_MINUTES);
    /* the next one, one minute left, is 4 session minutes = 4 real s away */
    double d = rtimer_until_next(&t, 1.0);
    assert_true(d > 3.99 && d < 4.01);
}

static void until_next_should_be_zero_when_a_warning_is_due(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 0, 10 * 60, 1);
    assert_true(rtimer_until_next(&t, 0) > 299 && rtimer_until_next(&t, 0) < 301);
    assert_true(rtimer_until_next(&t, 400) == 0);
    rtimer_stop(&t, 10);
    assert_true(rtimer_until_next(&t, 20) > 1e6);
    assert_int_equal(rtimer_due(&t, 10000), RT_NONE);
}

static void stopping_should_keep_the_elapsed_time(void **state)
{
    (void)state;
    rtimer t;
    rtimer_start(&t, 100, 600, 1);
    rtimer_stop(&t, 160);
    assert_true(rtimer_elapsed(&t, 500) == 60);
    assert_true(rtimer_left(&t, 500) == 540);
}

static void format_should_count_down_then_show_overtime(void **state)
{
    (void)state;
    char b[32];
    rtimer_format(12 * 60 + 41, b, sizeof b);
    assert_string_equal(b, "12:41");
    rtimer_format(12 * 60 + 40.2, b, sizeof b);    /* a part-second left counts */
    assert_string_equal(b, "12:41");
    rtimer_format(0, b, sizeof b);
    assert_string_equal(b, "0:00");
    rtimer_format(-65.5, b, sizeof b);
    assert_string_equal(b, "+1:05");
    rtimer_format(3600 + 62, b, sizeof b);
    assert_string_equal(b, "1:01:02");
}

static void env_scale_should_accept_only_positive_numbers(void **state)
{
    (void)state;
    setenv("MLDRILL_TIME_SCALE", "60", 1);
    assert_true(rtimer_env_scale() == 60);
    setenv("MLDRILL_TIME_SCALE", "fast", 1);
    assert_true(rtimer_env_scale() == 1);
    setenv("MLDRILL_TIME_SCALE", "-3", 1);
    assert_true(rtimer_env_scale() == 1);
    unsetenv("MLDRILL_TIME_SCALE");
    assert_true(rtimer_env_scale() == 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(warnings_should_come_at_five_one_and_zero_minutes),
        cmocka_unit_test(a_short_limit_should_skip_the_warnings_before_its_start),
        cmocka_unit_test(a_resumed_clock_should_go_on_from_the_time_left),
        cmocka_unit_test(warnings_due_together_should_give_only_the_latest),
        cmocka_unit_test(the_scale_should_speed_the_clock_up),
        cmocka_unit_test(until_next_should_be_zero_when_a_warning_is_due),
        cmocka_unit_test(stopping_should_keep_the_elapsed_time),
        cmocka_unit_test(format_should_count_down_then_show_overtime),
        cmocka_unit_test(env_scale_should_accept_only_positive_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
