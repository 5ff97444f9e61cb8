/* Unit tests: proto (the declarations generated from "functions") and the
 * statement's prototype block, as tables: the block a spec's functions
 * give, where the statement shows it, and the declarations a statement
 * spells out by hand with what validate makes of each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/challenge.h"
#include "spec/proto.h"
#include "testutil.h"

static char *dir;

/* A handle model: fit returns it, predict reads it, free releases it. */
#define FNS_HANDLE                                                                         \
    "[{\"name\": \"m_fit\", \"returns\": {\"type\": \"handle\", \"handle\": \"model\"}, "  \
    "\"params\": [{\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]}, "  \
    "{\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"}, "         \
    "{\"name\": \"labels\", \"type\": \"string[]\", \"shape\": [\"n\"]}, "                 \
    "{\"name\": \"learning_rate\", \"type\": \"double\"}, "                                \
    "{\"name\": \"max_iterations\", \"type\": \"int\"}, "                                  \
    "{\"name\": \"losses\", \"type\": \"double[]\", \"dir\": \"out\", "                    \
    "\"shape\": [\"max_iterations\"]}]}, "                                                 \
    "{\"name\": \"m_predict\", \"params\": [{\"name\": \"m\", \"type\": \"handle\", "      \
    "\"handle\": \"model\"}, {\"name\": \"X\", \"type\": \"double[]\", "                   \
    "\"shape\": [\"n\", \"d\"]}, {\"name\": \"n\", \"type\": \"int\"}, "                   \
    "{\"name\": \"p\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}, "  \
    "{\"name\": \"m_free\", \"params\": [{\"name\": \"m\", \"type\": \"handle\", "         \
    "\"handle\": \"model\", \"dir\": \"inout\"}]}]"

/* One function f(x[n], n, y[n] out). */
#define FNS_F                                                                       \
    "[{\"name\": \"f\", \"returns\": \"double\", \"params\": ["                     \
    "{\"name\": \"x\", \"type\": \"double[]\", \"shape\": [\"n\"]}, "               \
    "{\"name\": \"n\", \"type\": \"int\"}, "                                        \
    "{\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}]"

/* A challenge with these functions and statement (a JSON value). */
static challenge *load(const char *functions, const char *statement)
{
    bool handle = strstr(functions, "m_fit") != NULL;
    char *json = xasprintf(
        "{\"id\": \"t\", \"title\": \"T\", \"difficulty\": \"easy\", \"minutes\": 5, "
        "\"statement\": %s, \"reference\": \"ref.c\", \"functions\": %s, "
        "\"defaults\": {\"n\": 3, \"d\": 2, \"learning_rate\": 0.1, \"max_iterations\": 4}, "
        "\"inputs\": {\"X\": {\"gen\": \"normal\"}, \"x\": {\"gen\": \"normal\"}, "
        "\"labels\": {\"gen\": \"words\", \"vocab\": 2}}, "
        "\"checks\": [{\"output\": \"%s\"}], \"cases\": [{\"name\": \"a\"%s}]}",
        statement, functions, handle ? "p" : "y",
        handle ? ", \"calls\": [{\"fn\": \"m_fit\", \"result\": \"m\"}, {\"fn\": \"m_predict\"}, "
                 "{\"fn\": \"m_free\"}]"
               : "");
    char *p = test_write(dir, "t.json", json);
    md_err err = {{0}};
    challenge *c = challenge_load(p, &err);
    if (!c)
        fail_msg("%s\n%s", err.msg, json);
    free(p);
    free(json);
    return c;
}

/* --- the statement as shown --------------------------------------------------- */

static const struct {
    const char *what;
    const char *functions;
    const char *statement;
    const char *shown;
} shown_rows[] = {
    {"after the first paragraph",
     FNS_F, "[\"Scale x.\", \"Twice.\", \"\", \"Then more.\"]",
     "Scale x.\nTwice.\n\n    double f(const double *x, int n, double *y);\n\nThen more."},
    {"after a statement of one paragraph",
     FNS_F, "\"Scale x.\"",
     "Scale x.\n\n    double f(const double *x, int n, double *y);"},
    {"where {{prototypes}} stands",
     FNS_F, "[\"Scale x.\", \"\", \"Mind n.\", \"\", \"{{prototypes}}\", \"\", \"End.\"]",
     "Scale x.\n\nMind n.\n\n    double f(const double *x, int n, double *y);\n\nEnd."},
    {"handles: their typedef first, every line within 78 columns, wrapped after the "
     "opening parenthesis",
     FNS_HANDLE, "\"A model.\"",
     "A model.\n\n"
     "    typedef struct model model;   /* you define struct model */\n"
     "    model *m_fit(const double *X, int n, int d, const char *const *labels,\n"
     "                 double learning_rate, int max_iterations, double *losses);\n"
     "    void m_predict(const model *m, const double *X, int n, double *p);\n"
     "    void m_free(model *m);"},
};

static void the_statement_should_show_the_generated_prototypes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shown_rows / sizeof shown_rows[0]; i++) {
        challenge *c = load(shown_rows[i].functions, shown_rows[i].statement);
        if (strcmp(c->statement, shown_rows[i].shown) != 0)
            fail_msg("%s:\n%s\nexpected\n%s", shown_rows[i].what, c->statement,
                     shown_rows[i].shown);
        spec_free(c);
    }
}

/* --- declarations a statement spells out ---------------------------------------- */

/* Each row: a statement text, and what proto_mentions finds in it, one
 * "line:name:verdict" per declaration (verdict: same, differs or unknown). */
static const struct {
    const char *what;
    const char *functions;
    const char *text;
    const char *found;
} mention_rows[] = {
    {"the generated text, blanks aside", FNS_F,
     "Scale.\n\n    double  f(const double* x,\n          int n, double *y);\n", "2:f:same"},
    {"a wrong type (the issue's roc_auc)", FNS_F,
     "Scale.\n    float f(double *x, int *n, size_t y)\nmore", "1:f:differs"},
    {"a function functions does not define", FNS_F,
     "    float roc_auc(double *scores, int *labels, size_t n);", "0:roc_auc:unknown"},
    {"a typedef and the handle functions", FNS_HANDLE,
     "typedef struct model model;   /* you define it */\n"
     "void m_free(model *m);\nvoid m_predict(model *m, const double *X, int n, double *p);",
     "0:model:same 1:m_free:same 2:m_predict:differs"},
    {"prose, formulas, casts and helpers are not declarations", FNS_F,
     "P[i] = exp(Z[i]) / sum_c exp(Z[c])\nReturn (double) n.\nf(x) is 0 for int n.\n"
     "static double sigmoid(double z);\nfor (int i = 0; i < n; i++)\n"
     "double the step (twice) when int k(3) is odd", ""},
};

static void declarations_spelt_out_should_be_found_and_judged(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mention_rows / sizeof mention_rows[0]; i++) {
        challenge *c = load(mention_rows[i].functions, "\"s\"");
        proto_mention *m;
        int n = proto_mentions(c, mention_rows[i].text, &m);
        strbuf got = {0};
        for (int k = 0; k < n; k++)
            sb_printf(&got, "%s%d:%s:%s", k ? " " : "", m[k].line, m[k].name,
                      !m[k].generated                            ? "unknown"
                      : proto_same(m[k].written, m[k].generated) ? "same"
                                                                 : "differs");
        if (strcmp(sb_str(&got), mention_rows[i].found) != 0)
            fail_msg("%s: found \"%s\", expected \"%s\"", mention_rows[i].what, sb_str(&got),
                     mention_rows[i].found);
        sb_free(&got);
        proto_mentions_free(m, n);
        spec_free(c);
    }
}

static void same_should_ignore_blanks_and_the_semicolon_only(void **state)
{
    (void)state;
    assert_true(proto_same("const double *x", "const double* x;"));
    assert_true(proto_same("int  f( int n )", "int f(int n)"));
    assert_false(proto_same("const double *x", "double *x"));
    assert_false(proto_same("unsigned int n", "unsignedint n"));
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    if (!dir)
        return -1;
    free(test_write(dir, "ref.c", "int f(void) { return 0; }\n"));
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_statement_should_show_the_generated_prototypes),
        cmocka_unit_test(declarations_spelt_out_should_be_found_and_judged),
        cmocka_unit_test(same_should_ignore_blanks_and_the_semicolon_only),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
