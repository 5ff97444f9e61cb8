/* Unit tests: baseline (the reference's best time on this machine):
 * the first grading finds none, a better time replaces the best and a
 * worse one does not, keys are kept apart, several processes updating at
 * once lose nothing, and the key names the machine and the binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "grade/baseline.h"
#include "util/util.h"

static int use_fresh_cache(void **state)
{
    char tmpl[] = "/tmp/mldrill-baseline-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    *state = xstrdup(d);
    setenv("XDG_CACHE_HOME", d, 1);
    return 0;
}

static int drop_cache(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

static void the_best_should_only_go_down(void **state)
{
    (void)state;
    assert_true(baseline_get("k1") == 0);
    assert_true(baseline_update("k1", 0.010) == 0);    /* none before */
    assert_true(baseline_get("k1") == 0.010);
    assert_true(baseline_update("k1", 0.012) == 0.010);    /* worse: kept */
    assert_true(baseline_get("k1") == 0.010);
    assert_true(baseline_update("k1", 0.008) == 0.010);    /* better: replaces */
    assert_true(baseline_get("k1") == 0.008);
}

static void keys_should_be_kept_apart(void **state)
{
    (void)state;
    baseline_update("a-1", 1.0);
    baseline_update("a-10", 2.0);    /* a prefix of another key */
    baseline_update("a", 3.0);
    assert_true(baseline_get("a-1") == 1.0);
    assert_true(baseline_get("a-10") == 2.0);
    assert_true(baseline_get("a") == 3.0);
    assert_true(baseline_get("a-") == 0);
}

static void concurrent_updates_should_lose_nothing(void **state)
{
    (void)state;
    enum { PROCS = 4, EACH = 25 };
    pid_t pids[PROCS];
    for (int p = 0; p < PROCS; p++) {
        pids[p] = fork();
        if (pids[p] == 0) {
            for (int i = 0; i < EACH; i++) {
                char key[32];
                snprintf(key, sizeof key, "p%d-k%d", p, i);
                baseline_update(key, 1.0 + i);
                baseline_update("shared", 10.0 - p - i * 0.01);
            }
            _exit(0);
        }
    }
    for (int p = 0; p < PROCS; p++) {
        int st;
        waitpid(pids[p], &st, 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    for (int p = 0; p < PROCS; p++)
        for (int i = 0; i < EACH; i++) {
            char key[32];
            snprintf(key, sizeof key, "p%d-k%d", p, i);
            assert_true(baseline_get(key) == 1.0 + i);
        }
    /* the smallest any process wrote: p = 3, i = 24 */
    assert_true(baseline_get("shared") == 10.0 - 3 - 24 * 0.01);
}

static void the_key_should_name_binary_seed_and_size(void **state)
{
    (void)state;
    char *a = baseline_key("/c/mldrill/ref-0123abcd.so", 42, 2);
    char *b = baseline_key("/other/dir/ref-0123abcd.so", 42, 2);
    char *c = baseline_key("/c/mldrill/ref-ffffabcd.so", 42, 2);
    char *d = baseline_key("/c/mldrill/ref-0123abcd.so", 43, 2);
    char *e = baseline_key("/c/mldrill/ref-0123abcd.so", 42, 1);
    assert_string_equal(a, b);    /* where the cache is does not matter */
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d);
    assert_string_not_equal(a, e);
    assert_null(strchr(a, ' '));
    assert_null(strchr(a, '\n'));
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_best_should_only_go_down, use_fresh_cache, drop_cache),
        cmocka_unit_test_setup_teardown(keys_should_be_kept_apart, use_fresh_cache, drop_cache),
        cmocka_unit_test_setup_teardown(concurrent_updates_should_lose_nothing, use_fresh_cache,
                                        drop_cache),
        cmocka_unit_test(the_key_should_name_binary_seed_and_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
