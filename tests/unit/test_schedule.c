/* Unit tests: schedule (spaced repetition and the order of `next`), as
 * tables: a challenge's attempts and the day it is, and the state, streak
 * and due day it must get; a catalog's states and the order `next` must
 * suggest them in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "store/schedule.h"

#define D SCHEDULE_DAY_S
#define T0 1700000000LL    /* day 0 */

/* An attempt: its day, its run (the day its clock started), and what it
 * was: S an unaided strong pass, H a pass with help, W an unaided pass
 * that is not strong, F not passed. */
typedef struct row {
    int day, run;
    char kind;
} row;

static sched_attempt attempt_of(row r)
{
    sched_attempt a = {T0 + (int64_t)r.day * D + 3600, T0 + (int64_t)r.run * D, false, true,
                       false};
    a.passed = r.kind != 'F';
    a.unaided = r.kind != 'H';
    a.strong = r.kind == 'S' || r.kind == 'H';    /* H: "strong" before help counted */
    return a;
}

static void intervals_should_be_3_7_21_60(void **state)
{
    (void)state;
    static const int want[] = {3, 3, 7, 21, 60, 60, 60};
    for (int streak = 0; streak <= 6; streak++)
        assert_int_equal(schedule_interval_days(streak), want[streak]);
}

static void states_should_match_the_table(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        row rows[8];
        int n, today;
        sched_state st;
        int streak, due_day;    /* due_day: -1 when not scheduled */
    } table[] = {
        {"never attempted", {{0}}, 0, 5, SCHED_NEW, 0, -1},
        {"attempted, never passed", {{0, 0, 'F'}, {1, 0, 'F'}}, 2, 5, SCHED_UNSOLVED, 0, -1},
        {"passed with help", {{0, 0, 'F'}, {0, 0, 'H'}}, 2, 5, SCHED_HELPED, 0, -1},
        {"passed, not strong", {{0, 0, 'W'}}, 1, 5, SCHED_HELPED, 0, -1},
        {"strong: due after 3 days, not before", {{0, 0, 'S'}}, 1, 2, SCHED_LATER, 1, 3},
        {"strong: due on day 3", {{0, 0, 'S'}}, 1, 4, SCHED_DUE, 1, 3},
        {"fail then strong in one run", {{0, 0, 'F'}, {0, 0, 'S'}}, 2, 1, SCHED_LATER, 1, 3},
        {"reviews: 3, then 7, then 21, then 60",
         {{0, 0, 'S'}, {3, 3, 'S'}, {10, 10, 'S'}, {31, 31, 'S'}}, 4, 40, SCHED_LATER, 4, 91},
        {"after 60, 60 again",
         {{0, 0, 'S'}, {3, 3, 'S'}, {10, 10, 'S'}, {31, 31, 'S'}, {91, 91, 'S'}}, 5, 200,
         SCHED_DUE, 5, 151},
        {"a review before it is due moves nothing", {{0, 0, 'S'}, {1, 1, 'S'}}, 2, 2,
         SCHED_LATER, 1, 3},
        {"resubmitting after a pass reviews nothing", {{0, 0, 'S'}, {5, 0, 'S'}}, 2, 5,
         SCHED_DUE, 1, 3},
        {"a weaker resubmit in the same run changes nothing", {{0, 0, 'S'}, {0, 0, 'W'}}, 2, 1,
         SCHED_LATER, 1, 3},
        {"a helped review starts over", {{0, 0, 'S'}, {3, 3, 'S'}, {12, 12, 'H'}}, 3, 13,
         SCHED_HELPED, 0, -1},
        {"then unaided again: 3 days", {{0, 0, 'S'}, {12, 12, 'H'}, {14, 14, 'S'}}, 3, 15,
         SCHED_LATER, 1, 17},
        {"a failed review leaves it due", {{0, 0, 'S'}, {4, 4, 'F'}}, 2, 5, SCHED_DUE, 1, 3},
    };
    for (size_t t = 0; t < sizeof table / sizeof table[0]; t++) {
        sched_attempt a[8];
        for (int i = 0; i < table[t].n; i++)
            a[i] = attempt_of(table[t].rows[i]);
        sched s = schedule_of(a, table[t].n, T0 + (int64_t)table[t].today * D + 7200);
        int64_t due = table[t].due_day < 0 ? 0 : T0 + (int64_t)table[t].due_day * D + 3600;
        if (s.state != table[t].st || s.streak != table[t].streak ||
            (table[t].due_day >= 0 && s.due_at != due))
            fail_msg("%s: state %d streak %d due %lld; expected %d, %d, day %d", table[t].name,
                     s.state, s.streak, (long long)((s.due_at - T0) / D), table[t].st,
                     table[t].streak, table[t].due_day);
    }
}

static void help_should_be_told_from_a_weak_score(void **state)
{
    (void)state;
    sched_attempt h = attempt_of((row){0, 0, 'H'}), w = attempt_of((row){0, 0, 'W'});
    assert_true(schedule_of(&h, 1, T0).last_pass_helped);
    assert_false(schedule_of(&w, 1, T0).last_pass_helped);
}

static void next_should_rank_new_at_level_then_not_yet_then_due(void **state)
{
    (void)state;
    /* ids: the letter says what the challenge is, the test the order */
    static const struct {
        const char *id;
        int diff, minutes;
        sched_state st;
        int last_day, due_day;
    } cat[] = {
        {"hard_new", 2, 40, SCHED_NEW, 0, 0},
        {"medium_new_long", 1, 30, SCHED_NEW, 0, 0},
        {"easy_due_long_ago", 0, 10, SCHED_DUE, 1, 4},
        {"medium_new_short", 1, 20, SCHED_NEW, 0, 0},
        {"easy_later", 0, 10, SCHED_LATER, 9, 12},
        {"medium_unsolved_old", 1, 30, SCHED_UNSOLVED, 2, 0},
        {"easy_helped_recent", 0, 10, SCHED_HELPED, 8, 0},
        {"easy_due_recently", 0, 10, SCHED_DUE, 5, 8},
    };
    static const char *const want[] = {"medium_new_short", "medium_new_long",
                                       "easy_helped_recent", "medium_unsolved_old",
                                       "easy_due_long_ago", "easy_due_recently", "hard_new"};
    enum { N = sizeof cat / sizeof cat[0] };
    sched_item items[N];
    for (int i = 0; i < N; i++) {
        items[i] = (sched_item){cat[i].id, cat[i].diff, cat[i].minutes, {0}};
        items[i].s.state = cat[i].st;
        items[i].s.last_at = T0 + (int64_t)cat[i].last_day * D;
        items[i].s.due_at = T0 + (int64_t)cat[i].due_day * D;
    }
    /* every easy one was attempted and one medium one is unsolved */
    assert_int_equal(schedule_level(items, N), 1);
    int order[N];
    int k = schedule_next(items, N, order);
    assert_int_equal(k, (int)(sizeof want / sizeof want[0]));
    for (int i = 0; i < k; i++)
        if (strcmp(items[order[i]].id, want[i]) != 0)
            fail_msg("position %d: %s, expected %s", i + 1, items[order[i]].id, want[i]);
}

static void the_level_should_be_the_easiest_not_passed(void **state)
{
    (void)state;
    sched_item items[3] = {{"a", 0, 10, {0}}, {"b", 1, 20, {0}}, {"c", 2, 30, {0}}};
    items[0].s.state = SCHED_LATER;
    items[1].s.state = SCHED_HELPED;    /* passed: not what holds the level */
    items[2].s.state = SCHED_UNSOLVED;
    assert_int_equal(schedule_level(items, 3), 2);
    items[2].s.state = SCHED_DUE;
    assert_int_equal(schedule_level(items, 3), -1);
    items[0].s.state = SCHED_NEW;
    assert_int_equal(schedule_level(items, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intervals_should_be_3_7_21_60),
        cmocka_unit_test(states_should_match_the_table),
        cmocka_unit_test(help_should_be_told_from_a_weak_score),
        cmocka_unit_test(next_should_rank_new_at_level_then_not_yet_then_due),
        cmocka_unit_test(the_level_should_be_the_easiest_not_passed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
