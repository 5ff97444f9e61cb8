/* Unit tests: suggest (edit distance, "did you mean").  Tables of word
 * pairs with their distance, and of typed words with the suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "util/suggest.h"

static void distances_should_match_the_table(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int d;
    } table[] = {
        {"", "", 0},           {"submit", "submit", 0}, {"", "abc", 3},
        {"abc", "", 3},        {"sbumit", "submit", 1},  /* a swap is one edit */
        {"strat", "start", 1}, {"kmean", "kmeans", 1},   {"kmeans", "kmean", 1},
        {"sumbit", "submit", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
        {"hint", "hitn", 1},   {"lsit", "list", 1},     {"xyz", "abc", 3},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int d = suggest_distance(table[i].a, table[i].b);
        if (d != table[i].d)
            fail_msg("%s / %s: %d, expected %d", table[i].a, table[i].b, d, table[i].d);
    }
}

static void the_closest_word_should_be_suggested(void **state)
{
    (void)state;
    static const char *const commands[] = {"list", "start", "edit", "run", "submit", "watch",
                                           "hint", "time", "solution", "report", "history",
                                           "stats", "reset", "abandon", "mock", "next",
                                           "help", "quit"};
    static const char *const ids[] = {"kmeans", "kmeans_pp", "knn", "logreg", "softmax"};
    static const struct {
        const char *typed;
        const char *const *words;
        size_t n;
        const char *want;    /* NULL: no suggestion */
    } table[] = {
        {"sbumit", commands, 18, "submit"},
        {"strat", commands, 18, "start"},
        {"hsitory", commands, 18, "history"},
        {"solutoin", commands, 18, "solution"},
        {"frobnicate", commands, 18, NULL},
        {"x", commands, 18, NULL},          /* nothing of it kept */
        {"submit", commands, 18, NULL},     /* not mistyped */
        {"kmean", ids, 5, "kmeans"},
        {"kmeanspp", ids, 5, "kmeans_pp"},
        {"sofmtax", ids, 5, "softmax"},
        {"nosuch", ids, 5, NULL},
        {"kn", ids, 5, "knn"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int k = suggest_closest(table[i].typed, table[i].words, table[i].n);
        const char *got = k >= 0 ? table[i].words[k] : NULL;
        if ((got == NULL) != (table[i].want == NULL) ||
            (got && strcmp(got, table[i].want) != 0))
            fail_msg("%s: suggested %s, expected %s", table[i].typed, got ? got : "nothing",
                     table[i].want ? table[i].want : "nothing");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distances_should_match_the_table),
        cmocka_unit_test(the_closest_word_should_be_suggested),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
