/* Starter files: for every challenge in the catalog the starter compiles
 * cleanly (no warnings) with the generated prototypes; it carries the
 * statement; an existing file is never overwritten, and `reset` keeps the
 * old one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "spec/catalog.h"
#include "run/compile.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "store/workspace.h"

static char *tmp(void)
{
    char tmpl[] = "/tmp/mldrill-ws-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return xstrdup(d);
}

static challenge *load_path(const char *path)
{
    md_err err;
    challenge *c = challenge_load(path, &err);
    if (!c)
        fprintf(stderr, "%s\n", err.msg);
    return c;
}

static challenge *load(const char *id)
{
    catalog *cat = catalog_open(NULL, 0);
    md_err err;
    char *path = catalog_find(cat, id, &err);
    challenge *c = path ? load_path(path) : NULL;
    free(path);
    catalog_free(cat);
    return c;
}

/* Compiles a starter as a submission would be; fails the test on an
 * error or a warning. */
static void assert_compiles_cleanly(const challenge *c, const char *file)
{
    compile_opts co = {0};
    compile_result res;
    md_err err;
    assert_int_equal(compile_file(c, file, &co, &res, &err), 0);
    if (!res.ok || strstr(res.output, "warning"))
        fprintf(stderr, "%s starter:\n%s\n", c->id, res.output);
    assert_true(res.ok);
    assert_null(strstr(res.output, "warning"));
    compile_result_clear(&res);
}

static void every_starter_should_compile_without_warnings(void **state)
{
    (void)state;
    catalog *cat = catalog_open(NULL, 0);
    char **ids;
    int n = catalog_ids(cat, &ids);
    assert_true(n >= 4);
    char *dir = tmp();
    int checked = 0;
    for (int i = 0; i < n; i++) {
        md_err err;
        char *path = catalog_find(cat, ids[i], &err);
        challenge *c = path ? challenge_load(path, &err) : NULL;
        free(path);
        if (!c) {
            /* a broken spec is `mldrill validate`'s business */
            fprintf(stderr, "skipped %s: %s\n", ids[i], err.msg);
        } else {
            char *file;
            bool created;
            assert_int_equal(workspace_prepare(dir, c, &file, &created, &err), 0);
            assert_true(created);
            assert_compiles_cleanly(c, file);
            free(file);
            checked++;
        }
        spec_free(c);
        free(ids[i]);
    }
    free(ids);
    catalog_free(cat);
    free(dir);
    assert_true(checked >= 4);
}

static void a_starter_should_hold_the_statement_and_the_prototypes(void **state)
{
    (void)state;
    challenge *c = load("logreg");
    assert_non_null(c);
    char *s = workspace_starter(c);
    /* the first line of the statement, as a comment line */
    char *first = xstrndup(c->statement, strcspn(c->statement, "\n"));
    char *line = xasprintf("// %s\n", first);
    assert_non_null(strstr(s, line));
    /* a stub of every function, and the model struct */
    for (int i = 0; i < c->nfunctions; i++) {
        char *call = xasprintf("%s(", c->functions[i].name);
        assert_non_null(strstr(s, call));
        free(call);
    }
    assert_non_null(strstr(s, "struct logreg {"));
    assert_non_null(strstr(s, "return NULL;"));
    free(first);
    free(line);
    free(s);
    spec_free(c);
}

static void prepare_should_keep_an_existing_file(void **state)
{
    (void)state;
    challenge *c = load("softmax");
    char *dir = tmp();
    char *file = workspace_file(dir, c);
    assert_int_equal(file_write_atomic(file, "my work\n", 8, NULL), 0);
    char *path;
    bool created;
    md_err err;
    assert_int_equal(workspace_prepare(dir, c, &path, &created, &err), 0);
    assert_false(created);
    assert_string_equal(path, file);
    char *text = file_read(file, NULL, NULL);
    assert_string_equal(text, "my work\n");
    free(text);
    free(path);
    free(file);
    free(dir);
    spec_free(c);
}

static void reset_should_keep_the_old_file_as_bak(void **state)
{
    (void)state;
    challenge *c = load("softmax");
    char *dir = tmp();
    char *file = workspace_file(dir, c);
    assert_int_equal(file_write_atomic(file, "attempt one\n", 12, NULL), 0);
    char *bak;
    md_err err;
    assert_int_equal(workspace_reset(dir, c, &bak, &err), 0);
    assert_non_null(bak);
    char *old = file_read(bak, NULL, NULL), *now = file_read(file, NULL, NULL),
         *starter = workspace_starter(c);
    assert_string_equal(old, "attempt one\n");
    assert_string_equal(now, starter);
    free(old);
    free(now);
    free(starter);
    free(bak);
    free(file);
    free(dir);
    spec_free(c);
}

/* Every occurrence of from in text replaced by to (caller frees). */
static char *replace(const char *text, const char *from, const char *to)
{
    strbuf sb = {0};
    size_t n = strlen(from);
    for (const char *p = text, *q; *p; p = q + n) {
        if (!(q = strstr(p, from))) {
            sb_add(&sb, p);
            break;
        }
        sb_addn(&sb, p, (size_t)(q - p));
        sb_add(&sb, to);
    }
    return sb_take(&sb);
}

/* A statement may hold C comments, and a line may end in a backslash:
 * neither may break the comment the starter puts the statement in. */
static void a_comment_end_in_the_statement_should_stay_inside_the_comment(void **state)
{
    (void)state;
    challenge *orig = load("softmax");
    assert_non_null(orig);
    char *text = file_read(orig->spec_path, NULL, NULL);
    assert_non_null(text);
    char *srcdir = path_dirname(orig->spec_path);
    char *up = xasprintf("\"%s/../", srcdir);
    char *a = replace(text, "\"../", up);
    char *b = replace(a, "Write the row-wise softmax", "Beware of /* nested */ comments and a trailing \\\\\\nWrite the row-wise softmax");
    assert_true(strcmp(a, b) != 0);
    char *dir = tmp();
    char *spec = path_join(dir, "softmax.json");
    assert_int_equal(file_write_atomic(spec, b, strlen(b), NULL), 0);
    challenge *c = load_path(spec);
    assert_non_null(c);
    assert_non_null(strstr(c->statement, "/* nested */"));
    assert_non_null(strstr(c->statement, "trailing \\\n"));
    char *file;
    bool created;
    md_err err;
    assert_int_equal(workspace_prepare(dir, c, &file, &created, &err), 0);
    char *starter = file_read(file, NULL, NULL);
    assert_non_null(strstr(starter, "// Beware of /* nested */ comments and a trailing\n"));
    assert_compiles_cleanly(c, file);
    free(starter);
    free(file);
    spec_free(c);
    free(spec);
    free(dir);
    free(b);
    free(a);
    free(up);
    free(srcdir);
    free(text);
    spec_free(orig);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_starter_should_compile_without_warnings),
        cmocka_unit_test(a_starter_should_hold_the_statement_and_the_prototypes),
        cmocka_unit_test(prepare_should_keep_an_existing_file),
        cmocka_unit_test(reset_should_keep_the_old_file_as_bak),
        cmocka_unit_test(a_comment_end_in_the_statement_should_stay_inside_the_comment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
