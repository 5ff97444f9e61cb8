/* Unit tests: catalog_match_file (which challenge a solution's file name
 * points at) as a table of file names and the ids they must give; and
 * sb_add_shell_word, with which reports write that file into a command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/catalog.h"

static const char *const ids[] = {"kmeans", "kmeans_pp", "knn", "logreg", "softmax",
                                  "softmax_regression", "pca"};
#define NIDS ((int)(sizeof ids / sizeof ids[0]))

static void a_file_name_should_give_its_challenge(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *want;    /* "a,b": ambiguous; "": none */
    } table[] = {
        {"kmeans.c", "kmeans"},
        {"kmeans_v2.c", "kmeans"},
        {"dir/my-kmeans.c", "kmeans"},
        {"KMeans2.c", "kmeans"},                  /* no case, a digit after */
        {"kmeans_pp.c", "kmeans_pp"},             /* the longer id wins */
        {"try3_kmeans_pp_fast.c", "kmeans_pp"},
        {"softmax_regression.c", "softmax_regression"},
        {"softmax.c", "softmax"},
        {"kmeanspp.c", ""},                       /* a letter after: not the word */
        {"mykmeans.c", ""},                       /* a letter before */
        {"solution.c", ""},
        {"knn_vs_kmeans.c", "kmeans,knn"},        /* two challenges: ask */
        {"/home/me/pca", "pca"},                  /* a directory's name */
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int match[NIDS];
        int m = catalog_match_file(table[i].file, ids, NIDS, match);
        strbuf got = {0};
        for (int k = 0; k < m; k++)
            sb_printf(&got, "%s%s", k ? "," : "", ids[match[k]]);
        if (strcmp(sb_str(&got), table[i].want) != 0)
            fail_msg("%s: got \"%s\", expected \"%s\"", table[i].file, sb_str(&got),
                     table[i].want);
        sb_free(&got);
    }
}

static void a_shell_word_should_read_back_as_itself(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } table[] = {
        {"my.c", "my.c"},
        {"dir/kmeans_v2.c", "dir/kmeans_v2.c"},
        {"my file.c", "'my file.c'"},
        {"it's.c", "'it'\\''s.c'"},
        {"$(rm -rf x).c", "'$(rm -rf x).c'"},
        {"a\033[2Jb.c", "'a?[2Jb.c'"},           /* no escape reaches a terminal */
        {"", "''"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        strbuf sb = {0};
        sb_add_shell_word(&sb, table[i].in);
        if (strcmp(sb_str(&sb), table[i].out) != 0)
            fail_msg("%s: got %s, expected %s", table[i].in, sb_str(&sb), table[i].out);
        sb_free(&sb);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_name_should_give_its_challenge),
        cmocka_unit_test(a_shell_word_should_read_back_as_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
