/* Unit tests: baseline (the reference's best time on this machine):
 * the first grading finds none, a better time replaces the best and a
 * worse one does not, a best far below the recent times (a forged one) is
 * never recorded and passed over when it is there, keys are kept apart,
 * several processes updating at once lose nothing, and the key names the
 * machine and the binary. */
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

/* Rows of steps on one key: "u T R" records T and must return R (the best
 * before), "g B" must get B, "v N B" must get B for a grading that
 * measured N, "l TEXT" writes the key's line as TEXT (a file written
 * before, or by someone else). */
typedef struct bl_row {
    const char *what;
    const char *steps;    /* separated by ";" */
} bl_row;

static const bl_row ROWS[] = {
    {"the best only goes down", "u .010 0; g .010; u .012 .010; g .010; u .008 .010; g .008"},
    {"a forged 1 us among recent times is never a best",
     "u .003 0; u .0031 .003; u .0029 .003; u 1e-06 .0029; g .0029; v .003 .0029"},
    {"a forged best in the file is passed over once the recent times say so",
     "l 1e-06 .003 .0031 .0030; g .003; v .003 .003; u .0032 .003; g .003"},
    {"a forged best with no recent times is passed over against the time now",
     "l 1e-06; v .003 0; u .003 0; u .0031 .003; u .003 .003; g .003"},
    {"a machine that really got faster: its times are believed after a while",
     "u .010 0; u .010 .010; u .010 .010; u .004 .010; g .010; u .004 .010; u .004 .010; "
     "u .004 .010; g .004"},
    {"a slower time is recent, not a best", "u .002 0; u .003 .002; u .003 .002; u .003 .002; "
     "g .002; v .003 .002; v .005 .002"},
    {"a best under half of the time now: not believed without recent times, and "
     "dropped once they say so",
     "u .002 0; v .005 0; u .005 0; u .005 .005; g .005"},
};

static void baseline_rows_should_keep_their_bests(void **state)
{
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        char key[32];
        snprintf(key, sizeof key, "row%zu", i);
        char *steps = xstrdup(ROWS[i].steps), *save = NULL;
        for (char *st = strtok_r(steps, ";", &save); st; st = strtok_r(NULL, ";", &save)) {
            while (*st == ' ')
                st++;
            double a = 0, b = 0;
            if (st[0] == 'l') {
                char *dir = xasprintf("%s/mldrill", (char *)*state);
                char *path = xasprintf("%s/timing-baselines", dir);
                char *line = xasprintf("%s %s\n", key, st + 2);
                mkdir_p(dir, NULL);
                file_write_atomic(path, line, strlen(line), NULL);
                free(line);
                free(path);
                free(dir);
                continue;
            }
            sscanf(st + 1, "%lf %lf", &a, &b);
            double got = st[0] == 'u' ? baseline_update(key, a)
                         : st[0] == 'g' ? baseline_get(key)
                                        : baseline_vouched(key, a);
            double want = st[0] == 'g' ? a : b;
            if (got != want)
                fail_msg("%s: step \"%s\" gave %g", ROWS[i].what, st, got);
        }
        free(steps);
    }
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
        cmocka_unit_test_setup_teardown(baseline_rows_should_keep_their_bests, use_fresh_cache,
                                        drop_cache),
        cmocka_unit_test_setup_teardown(keys_should_be_kept_apart, use_fresh_cache, drop_cache),
        cmocka_unit_test_setup_teardown(concurrent_updates_should_lose_nothing, use_fresh_cache,
                                        drop_cache),
        cmocka_unit_test(the_key_should_name_binary_seed_and_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
