/* Unit tests: the shrinking search (grade/shrink.h) driven by oracles, as
 * a table: where a case of variables n, d (and k) fails "the same way",
 * the values the search starts from, the values it must end at, and the
 * most candidates it may try.  Sizes are the product of the variables,
 * as for an n-by-d array.  A variable that starts below another never
 * ends above it.  Also: a candidate that did not fail is never tried
 * again, and the search always ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "grade/shrink.h"

typedef bool (*oracle)(const long long *v);

static bool always(const long long *v) { (void)v; return true; }
static bool never(const long long *v) { (void)v; return false; }
static bool n7_d2(const long long *v) { return v[0] >= 7 && v[1] >= 2; }
static bool n_even(const long long *v) { return v[0] % 2 == 0; }
static bool k_3(const long long *v) { return v[2] >= 3 && v[0] >= v[2]; }
static bool k_only_3(const long long *v) { return v[1] >= 3; }
static bool iter_3(const long long *v) { return v[1] >= 3; }    /* max_iter >= 3 */
static bool sum_big(const long long *v) { return v[0] + v[1] >= 40; }

static shrink_size size_of(const long long *v, int n)
{
    shrink_size z = {1, 0};
    for (int k = 0; k < n; k++) {
        z.elems *= v[k];
        z.vars += v[k];
    }
    return z;
}

static const struct row {
    const char *what;
    oracle fails;
    int n;
    long long from[3], want[3];
    int max_tried;
} rows[] = {
    {"fails at any size: everything at 1 in the first round", always, 2,
     {300, 5}, {1, 1}, 2},
    {"fails only where it was: nothing smaller", never, 2, {300, 5}, {300, 5}, 30},
    {"a threshold per variable: found exactly", n7_d2, 2, {300, 5}, {7, 2}, 30},
    /* k started below d and n: it ends at most at them */
    {"three variables, one bounded by another", k_3, 3, {500, 8, 6}, {3, 3, 3}, 40},
    {"the order kept: k below n stays so", k_only_3, 2, {300, 6}, {3, 3}, 24},
    {"an iteration cap that must stay at 3", iter_3, 2, {300, 100}, {3, 3}, 24},
    {"an iteration cap above n", iter_3, 2, {50, 100}, {1, 3}, 24},
    /* greedy: halving 150 gives 75, which passes; bisecting 75..150
     * ends at the least even value above 75 it meets, not at 2 */
    {"not monotone: even n only, still failing at the end", n_even, 1, {300}, {100}, 20},
    /* a local minimum: from (8, 32) neither can go lower alone; (1, 39)
     * is smaller but needs both to move the opposite ways */
    {"a trade between two variables: greedy", sum_big, 2, {64, 64}, {8, 32}, 30},
};

static void the_search_should_end_at_the_smallest_failing_values(void **state)
{
    (void)state;
    static const char *const names[] = {"n", "d", "k"};
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        const struct row *row = &rows[r];
        shrink_search s;
        shrink_search_init(&s, names, row->from, row->n, size_of(row->from, row->n));
        int tried = 0, rounds = 0;
        long long seen[256][3];
        int nseen = 0;
        shrink_cand *c;
        int n;
        while ((n = shrink_next(&s, &c)) > 0 && rounds++ < 100) {
            bool fails[64];
            shrink_size size[64];
            for (int i = 0; i < n; i++) {
                fails[i] = row->fails(c[i].values);
                size[i] = size_of(c[i].values, row->n);
                /* a candidate that did not fail is never tried again */
                for (int j = 0; j < nseen; j++)
                    if (memcmp(seen[j], c[i].values, sizeof(long long) * (size_t)row->n) == 0)
                        fail_msg("%s: %lld, %lld tried twice", row->what, c[i].values[0],
                                 row->n > 1 ? c[i].values[1] : 0);
                if (!fails[i] && nseen < 256)
                    memcpy(seen[nseen++], c[i].values, sizeof(long long) * (size_t)row->n);
            }
            tried += n;
            shrink_take(&s, c, n, fails, size);
            shrink_cands_free(c, n);
        }
        if (rounds > 100)
            fail_msg("%s: the search does not end", row->what);
        for (int k = 0; k < row->n; k++)
            if (s.vars[k].value != row->want[k])
                fail_msg("%s: %s = %lld, expected %lld", row->what, names[k], s.vars[k].value,
                         row->want[k]);
        if (tried > row->max_tried)
            fail_msg("%s: %d candidates tried, at most %d expected", row->what, tried,
                     row->max_tried);
        shrink_search_free(&s);
    }
}

/* A candidate that fails but is no smaller is not taken. */
static void a_candidate_no_smaller_should_not_be_taken(void **state)
{
    (void)state;
    static const char *const names[] = {"n"};
    long long from[] = {10};
    shrink_search s;
    shrink_search_init(&s, names, from, 1, (shrink_size){10, 10});
    shrink_cand *c;
    int n = shrink_next(&s, &c);
    assert_true(n >= 1);
    bool fails[8];
    shrink_size size[8];
    for (int i = 0; i < n; i++) {
        fails[i] = true;
        size[i] = (shrink_size){10, 10};    /* e.g. a stride: outputs grow back */
    }
    assert_int_equal(shrink_take(&s, c, n, fails, size), -1);
    assert_int_equal(s.vars[0].value, 10);
    shrink_cands_free(c, n);
    shrink_search_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_search_should_end_at_the_smallest_failing_values),
        cmocka_unit_test(a_candidate_no_smaller_should_not_be_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
