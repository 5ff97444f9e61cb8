/* Unit tests: answer (the model answer as `solution` shows it).  A table
 * of model texts and the text shown for each, or the error a malformed
 * site must give. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "spec/answer.h"

static const struct {
    const char *name;
    const char *model;
    const char *shown;       /* NULL: an error containing error */
    const char *error;
} table[] = {
    {"no site: unchanged",
     "int f(void)\n{\n    return 1;\n}\n",
     "int f(void)\n{\n    return 1;\n}\n", NULL},
    {"if/else keeps the else branch",
     "a\n#if MISTAKE(no_max_shift)\n    m = 0;\n#else\n    m = z[0];\n#endif\nb\n",
     "a\n    m = z[0];\nb\n", NULL},
    {"if alone drops the block",
     "a\n#if MISTAKE(extra)\n    x++;\n    y++;\n#endif\nb\n",
     "a\nb\n", NULL},
    {"negated keeps its block",
     "a\n#if !MISTAKE(no_clip)\n    p = clip(p);\n#endif\nb\n",
     "a\n    p = clip(p);\nb\n", NULL},
    {"negated with else keeps the first branch",
     "#if !MISTAKE(x)\nkeep\n#else\ndrop\n#endif\n",
     "keep\n", NULL},
    {"blanks, spaces after # and trailing comments",
     "  #  if MISTAKE( eps_inside )   /* the classic */\nbad\n  #else // right\ngood\n"
     "  #endif  /* eps_inside */\n",
     "good\n", NULL},
    {"several sites",
     "#if MISTAKE(a)\nA\n#else\n1\n#endif\nmid\n#if MISTAKE(b)\nB\n#endif\n#if !MISTAKE(c)\n3\n#endif\n",
     "1\nmid\n3\n", NULL},
    {"ordinary #if kept, also inside a site",
     "#ifdef DEBUG\nd\n#else\nn\n#endif\n#if MISTAKE(a)\n#if X\nx\n#else\ny\n#endif\n#else\n"
     "#ifdef Y\nw\n#endif\nz\n#endif\n",
     "#ifdef DEBUG\nd\n#else\nn\n#endif\n#ifdef Y\nw\n#endif\nz\n", NULL},
    {"a name containing MISTAKE is no site",
     "#if defined(NO_MISTAKES)\nq\n#endif\n",
     "#if defined(NO_MISTAKES)\nq\n#endif\n", NULL},
    {"the last line without a newline",
     "#if MISTAKE(a)\nA\n#else\nB\n#endif\nend",
     "B\nend", NULL},
    {"empty text", "", "", NULL},
    {"nested sites", "#if MISTAKE(a)\n#if MISTAKE(b)\n#endif\n#endif\n", NULL,
     "line 2: a mistake site inside the site of line 1"},
    {"unclosed site", "x\n#if MISTAKE(a)\nA\n", NULL,
     "line 2: the mistake site is not closed"},
    {"two elses", "#if MISTAKE(a)\nA\n#else\nB\n#else\nC\n#endif\n", NULL,
     "line 5: a second #else"},
    {"elif in a site", "#if MISTAKE(a)\nA\n#elif X\nB\n#endif\n", NULL,
     "line 3: #elif in the mistake site"},
    {"an expression of sites", "#if MISTAKE(a) || MISTAKE(b)\nA\n#endif\n", NULL,
     "line 1: a mistake site is `#if MISTAKE(id)`"},
    {"code after the condition", "#if MISTAKE(a) x\nA\n#endif\n", NULL,
     "line 1: a mistake site is"},
};

static void every_model_text_should_show_as_in_the_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        md_err err = {{0}};
        char *shown = answer_strip(table[i].model, &err);
        if (table[i].shown) {
            if (!shown || strcmp(shown, table[i].shown) != 0)
                fail_msg("%s: got \"%s\" (%s)", table[i].name, shown ? shown : "NULL",
                         err.msg);
        } else {
            if (shown || !strstr(err.msg, table[i].error))
                fail_msg("%s: expected an error with \"%s\", got \"%s\"", table[i].name,
                         table[i].error, shown ? shown : err.msg);
        }
        free(shown);
    }
}

/* answer_sites: each text's sites as "id@line[!][+else]" joined by
 * spaces, or the error it must give. */
static const struct {
    const char *name;
    const char *model;
    const char *sites;       /* NULL: an error containing error */
    const char *error;
} site_table[] = {
    {"the three forms",
     "#if MISTAKE(a)\nA\n#else\nB\n#endif\n#if MISTAKE(b)\nA\n#endif\n"
     "#if !MISTAKE(c)\nB\n#endif\n",
     "a@1+else b@6 c@9!", NULL},
    {"a comment, a string and another macro mention MISTAKE( without a site",
     "/* #if MISTAKE(x) marks a site */\nconst char *s = \"MISTAKE(y)\";\n"
     "// MISTAKE(z)\n#if NO_MISTAKE(w)\n#endif\n#if MISTAKE(real)\nA\n#endif\n",
     "real@6", NULL},
    {"no site", "int f(void);\n", "", NULL},
    {"a negated site with an #else is not one of the forms",
     "#if !MISTAKE(a)\nB\n#else\nA\n#endif\n", NULL,
     "line 3: #else in the negated mistake site of line 1"},
    {"nested sites", "#if MISTAKE(a)\n#if !MISTAKE(b)\n#endif\n#endif\n", NULL,
     "line 2: a mistake site inside the site of line 1"},
    {"an unclosed site", "#if MISTAKE(a)\nA\n", NULL, "line 1: the mistake site is not closed"},
};

static void sites_should_be_the_directive_lines_in_a_documented_form(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof site_table / sizeof site_table[0]; i++) {
        md_err err = {{0}};
        answer_site *sites;
        int n;
        int rc = answer_sites(site_table[i].model, true, &sites, &n, &err);
        strbuf got = {0};
        for (int k = 0; k < n; k++)
            sb_printf(&got, "%s%s@%d%s%s", k ? " " : "", sites[k].id, sites[k].line,
                      sites[k].negated ? "!" : "", sites[k].has_else ? "+else" : "");
        if (site_table[i].sites) {
            if (rc != 0 || strcmp(sb_str(&got), site_table[i].sites) != 0)
                fail_msg("%s: got \"%s\" (%s)", site_table[i].name, sb_str(&got), err.msg);
        } else if (rc == 0 || !strstr(err.msg, site_table[i].error)) {
            fail_msg("%s: expected an error with \"%s\", got \"%s\"", site_table[i].name,
                     site_table[i].error, rc == 0 ? "none" : err.msg);
        }
        sb_free(&got);
        answer_sites_free(sites, n);
    }
}

static void the_loader_should_accept_a_negated_site_with_an_else(void **state)
{
    (void)state;
    answer_site *sites;
    int n;
    md_err err = {{0}};
    assert_int_equal(answer_sites("#if !MISTAKE(a)\nB\n#else\nA\n#endif\n", false, &sites,
                                  &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(sites[0].negated && sites[0].has_else);
    answer_sites_free(sites, n);
}

static void a_file_error_should_name_the_file(void **state)
{
    (void)state;
    md_err err;
    assert_null(answer_shown("/nonexistent/model.c", &err));
    assert_non_null(strstr(err.msg, "/nonexistent/model.c"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_model_text_should_show_as_in_the_table),
        cmocka_unit_test(sites_should_be_the_directive_lines_in_a_documented_form),
        cmocka_unit_test(the_loader_should_accept_a_negated_site_with_an_else),
        cmocka_unit_test(a_file_error_should_name_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
