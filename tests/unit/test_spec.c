/* Unit tests: spec loading and validation, with located errors.  The
 * errors are data: spec_errors.test holds spec edits and the exact message
 * each must give, read by every_error_should_be_located. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/challenge.h"
#include "spec/gen.h"
#include "spec/spec.h"
#include "testutil.h"

static char *dir;

/* A small valid spec; %s slots let tests inject mistakes. */
static const char *good =
    "{\n"
    "  \"id\": \"t\",\n"
    "  \"title\": \"T\",\n"
    "  \"difficulty\": \"easy\",\n"
    "  \"minutes\": 5,\n"
    "  \"statement\": \"Do it.\",\n"
    "  \"reference\": \"ref.c\",\n"
    "  \"functions\": [{\"name\": \"f\", \"returns\": \"int\",\n"
    "    \"params\": [\n"
    "      {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},\n"
    "      {\"name\": \"n\", \"type\": \"int\"},\n"
    "      {\"name\": \"d\", \"type\": \"int\"},\n"
    "      {\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],\n"
    "  \"calls\": [{\"fn\": \"f\", \"result\": \"r\"}],\n"
    "  \"inputs\": {\"X\": {\"gen\": \"normal\"}},\n"
    "  \"checks\": [{\"output\": \"y\"}, {\"output\": \"r\", \"compare\": \"equal\"}],\n"
    "  \"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3, \"d\": 2}}]\n"
    "}\n";

static challenge *load_text(const char *text, md_err *err)
{
    char *p = test_write(dir, "t.json", text);
    challenge *c = challenge_load(p, err);
    free(p);
    return c;
}

/* good with one substring replaced */
static challenge *load_with(const char *from, const char *to, md_err *err)
{
    const char *at = strstr(good, from);
    assert_non_null(at);
    strbuf sb = {0};
    sb_addn(&sb, good, (size_t)(at - good));
    sb_add(&sb, to);
    sb_add(&sb, at + strlen(from));
    challenge *c = load_text(sb_str(&sb), err);
    sb_free(&sb);
    return c;
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    if (!dir)
        return -1;
    /* the files spec_errors.test's entries may name */
    free(test_write(dir, "ref.c", "int f(void) { return 0; }\n"));
    free(test_write(dir, "model.c", "int f(void)\n{\n#if MISTAKE(off_by_one)\n"
                                    "    return 1;\n#endif\n    return 0;\n}\n"));
    /* sites nested */
    free(test_write(dir, "nested.c", "#if MISTAKE(off_by_one)\n#if MISTAKE(b)\n#endif\n"
                                     "#endif\n"));
    /* MISTAKE( in a comment, a string and an ordinary condition: no site */
    free(test_write(dir, "mentions.c", "/* a site is #if MISTAKE(id) */\n"
                                       "static const char *s = \"MISTAKE(x)\";\n"
                                       "#if NO_MISTAKE(y)\n#endif\n"
                                       "#if MISTAKE(off_by_one)\nA\n#endif\n"));
    return 0;
}

/* --- spec_errors.test ----------------------------------------------------- */

/* One entry of spec_errors.test: a spec, and the message it must give. */
typedef struct error_case {
    int line;          /* where the entry starts in the file */
    char *name;        /* its first comment line */
    strbuf spec;       /* the spec loaded */
    char *expected;    /* the message, "t.json:L:C: ..." after the directory */
} error_case;

/* Applies an entry's "- from" / "+ to" edit to spec; 0 when from is not in it. */
static int apply_edit(strbuf *spec, const char *from, const char *to)
{
    const char *text = sb_str(spec);
    const char *at = strstr(text, from);
    if (!at || !*from)
        return 0;
    strbuf out = {0};
    sb_addn(&out, text, (size_t)(at - text));
    sb_add(&out, to);
    sb_add(&out, at + strlen(from));
    sb_free(spec);
    *spec = out;
    return 1;
}

/* $DIR in an expected message stands for the test's directory. */
static char *expand_dir(const char *msg)
{
    strbuf sb = {0};
    for (const char *p = msg; *p; p++) {
        if (strncmp(p, "$DIR", 4) == 0) {
            sb_add(&sb, dir);
            p += 3;
        } else {
            sb_addc(&sb, *p);
        }
    }
    return sb_take(&sb);
}

/* Reads the next entry (after the base spec) from f; 0 at the end.
 * Lines: "# name", "- from", "+ to", "> spec line", "= message". */
static int next_entry(FILE *f, int *lineno, const char *base, error_case *ec)
{
    char buf[8192];
    char *from = NULL;
    memset(ec, 0, sizeof *ec);
    int whole = 0, edits = 0;
    while (fgets(buf, sizeof buf, f)) {
        (*lineno)++;
        buf[strcspn(buf, "\n")] = '\0';
        if (!buf[0]) {
            if (ec->line && (from || whole || edits))
                fail_msg("spec_errors.test:%d: entry without \"= message\"", ec->line);
            /* a block of comments only: a heading */
            free(ec->name);
            sb_free(&ec->spec);
            memset(ec, 0, sizeof *ec);
            continue;
        }
        if (!ec->line) {
            ec->line = *lineno;
            sb_add(&ec->spec, base);
        }
        const char *rest = buf[1] == ' ' ? buf + 2 : buf + 1;
        if (buf[0] == '#' && !ec->name) {
            ec->name = xstrdup(rest);
        } else if (buf[0] == '-') {
            free(from);
            from = xstrdup(rest);
        } else if (buf[0] == '+') {
            if (!from || !apply_edit(&ec->spec, from, rest))
                fail_msg("spec_errors.test:%d: \"- %s\" is not in the spec", *lineno,
                         from ? from : "(missing)");
            free(from);
            from = NULL;
            edits++;
        } else if (buf[0] == '>') {
            if (!whole++)
                sb_free(&ec->spec);
            sb_printf(&ec->spec, "%s\n", rest);
        } else if (buf[0] == '=') {
            ec->expected = expand_dir(rest);
            free(from);
            return 1;
        }
    }
    free(from);
    if (ec->line)
        fail_msg("spec_errors.test:%d: entry without \"= message\"", ec->line);
    return 0;
}

/* The base spec: the file's first block of "> " lines. */
static char *read_base(FILE *f, int *lineno)
{
    char buf[8192];
    strbuf sb = {0};
    while (fgets(buf, sizeof buf, f)) {
        (*lineno)++;
        if (buf[0] == '>')
            sb_add(&sb, buf[1] == ' ' ? buf + 2 : buf + 1);
        else if (buf[0] == '\n' && sb.len)
            break;
    }
    return sb_take(&sb);
}

static void every_error_should_be_located(void **state)
{
    (void)state;
    const char *src = getenv("MLDRILL_SRC");
    assert_non_null(src);
    char *path = path_join(src, "tests/unit/spec_errors.test");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int lineno = 0, n = 0, bad = 0;
    char *base = read_base(f, &lineno);
    challenge *c = load_text(base, &(md_err){{0}});
    assert_non_null(c);    /* the base spec itself loads */
    spec_free(c);
    error_case ec;
    size_t prefix = strlen(dir) + 1;
    while (next_entry(f, &lineno, base, &ec)) {
        md_err err = {{0}};
        c = load_text(sb_str(&ec.spec), &err);
        const char *got = c ? "(it loaded)" : strlen(err.msg) > prefix &&
                                              strncmp(err.msg, dir, prefix - 1) == 0
                                                  ? err.msg + prefix
                                                  : err.msg;
        if (c || strcmp(got, ec.expected) != 0) {
            print_error("spec_errors.test:%d: %s\n  expected: %s\n  got:      %s\n", ec.line,
                        ec.name ? ec.name : "", ec.expected, got);
            bad++;
        }
        spec_free(c);
        n++;
        free(ec.name);
        free(ec.expected);
        sb_free(&ec.spec);
    }
    fclose(f);
    free(base);
    free(path);
    if (bad)
        fail_msg("%d of %d entries of spec_errors.test gave another message", bad, n);
    assert_true(n >= 100);
}

static void valid_spec_should_load(void **state)
{
    (void)state;
    md_err err = {{0}};
    challenge *c = load_text(good, &err);
    assert_non_null(c);
    assert_string_equal(c->id, "t");
    assert_int_equal(c->nfunctions, 1);
    assert_int_equal(c->functions[0].nparams, 4);
    assert_int_equal(c->functions[0].params[3].dir, DIR_OUT);
    assert_int_equal(c->ncases, 1);
    /* correctness and organization apply; scaled later */
    assert_true(c->weights[CRIT_CORRECTNESS] > 0);
    assert_true(c->weights[CRIT_STABILITY] == 0);
    spec_free(c);
}

static void gradcheck_weights_should_load(void **state)
{
    (void)state;
    md_err err;
    /* sum(X .* y) differentiated: weights of the loss array y */
    challenge *c = load_with("{\"output\": \"y\"}",
                             "{\"output\": \"y\", \"compare\": \"gradcheck\", "
                             "\"points\": \"X\", \"loss\": \"y\", \"weights\": \"X\"}",
                             &err);
    assert_non_null(c);
    assert_string_equal(c->checks[0].weights, "X");
    spec_free(c);
}

static void timing_advice_should_load(void **state)
{
    (void)state;
    md_err err;
    const char *from = "  \"cases\": [";
    challenge *c = load_with(from, "  \"timing\": {\"vars\": {\"n\": 100, \"d\": 2}, "
                                   "\"advice\": \"use a hash table\"},\n  \"cases\": [", &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_true(c->timing.enabled);
    assert_string_equal(c->timing.advice, "use a hash table");
    spec_free(c);
    c = load_with(from, "  \"timing\": {\"vars\": {\"n\": 100, \"d\": 2}},\n  \"cases\": [",
                  &err);
    assert_non_null(c);
    assert_null(c->timing.advice);
    spec_free(c);
}

static void equivalent_mutants_should_load(void **state)
{
    (void)state;
    md_err err;
    const char *from = "  \"cases\": [";
    challenge *c = load_with(from,
                             "  \"mutants\": {\"equivalent\": [{\"line\": \"if (d < best)\", "
                             "\"change\": \"< -> <=\", \"reason\": \"ties\"}]},\n  \"cases\": [",
                             &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_int_equal(c->nequivalents, 1);
    assert_string_equal(c->equivalents[0].line, "if (d < best)");
    assert_string_equal(c->equivalents[0].change, "< -> <=");
    assert_string_equal(c->equivalents[0].path, "mutants.equivalent[0]");
    spec_free(c);
}

static void only_directive_lines_should_mark_sites(void **state)
{
    (void)state;
    md_err err;
    challenge *c = load_with("\"reference\": \"ref.c\",",
                             "\"reference\": \"ref.c\", \"model\": \"mentions.c\", "
                             "\"mistakes\": [{\"id\": \"off_by_one\", \"message\": \"m\"}, "
                             "{\"id\": \"other\", \"message\": \"n\"}],",
                             &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_int_equal(c->nmistakes, 2);
    assert_true(c->mistakes[0].site);
    assert_false(c->mistakes[1].site);    /* declared, but no site marks it */
    spec_free(c);
}

static void every_builtin_spec_should_load_with_a_model_answer(void **state)
{
    (void)state;
    const char *src = getenv("MLDRILL_SRC");
    assert_non_null(src);
    char *cdir = path_join(src, "challenges");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls %s/*.json", cdir);
    FILE *ls = popen(cmd, "r");
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, ls)) {
        line[strcspn(line, "\n")] = '\0';
        if (strstr(line, "schema.json"))
            continue;
        md_err err = {{0}};
        challenge *c = challenge_load(line, &err);
        if (!c)
            fail_msg("%s", err.msg);
        /* every built-in challenge has a model answer (validate checks it) */
        if (!c->model)
            fail_msg("%s: no model answer (\"model\")", line);
        spec_free(c);
        n++;
    }
    pclose(ls);
    free(cdir);
    assert_true(n >= 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_spec_should_load),
        cmocka_unit_test(every_error_should_be_located),
        cmocka_unit_test(gradcheck_weights_should_load),
        cmocka_unit_test(timing_advice_should_load),
        cmocka_unit_test(equivalent_mutants_should_load),
        cmocka_unit_test(only_directive_lines_should_mark_sites),
        cmocka_unit_test(every_builtin_spec_should_load_with_a_model_answer),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
