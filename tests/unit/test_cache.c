/* Unit tests: the compile cache cannot be used to forge a grade
 * (docs/security.md, "the compile cache").
 *
 * A learner controls the bytes of the file it compiles, hence, given a
 * weak key, which cache entry its build lands in.  With a cryptographic
 * key a collision cannot be crafted, so what is tested is the separation
 * that makes one harmless: an untrusted compile never yields a path where
 * trusted builds are kept, and a file planted where untrusted builds are
 * stored, under the reference's own key, is never loaded as the
 * reference.  Reading a learner's file never follows its #include lines
 * (a comment naming /proc/self/pagemap would hang the grader), and only
 * regular files are read. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "run/compile.h"
#include "spec/catalog.h"
#include "spec/challenge.h"
#include "testutil.h"

static challenge *softmax;
static char *dir;    /* scratch files */

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    char *cache = path_join(dir, "cache");
    setenv("XDG_CACHE_HOME", cache, 1);
    free(cache);
    catalog *cat = catalog_open(NULL, 0);
    md_err err;
    char *path = catalog_find(cat, "softmax", &err);
    softmax = path ? challenge_load(path, &err) : NULL;
    free(path);
    catalog_free(cat);
    return softmax && dir ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    spec_free(softmax);
    remove_tree(dir);
    free(dir);
    return 0;
}

static char *read_all(const char *path, size_t *len)
{
    return file_read(path, len, NULL);
}

/* Compiles src with the given role; the result must be a built .so. */
static void build(const char *src, bool untrusted, compile_result *r)
{
    compile_opts o = {0};
    o.untrusted = untrusted;
    md_err err;
    assert_int_equal(compile_file(softmax, src, &o, r, &err), 0);
    assert_true(r->ok);
}

static void untrusted_build_never_lands_among_trusted_ones(void **state)
{
    (void)state;
    /* the same bytes compiled in both roles */
    char *src = path_join(getenv("MLDRILL_SRC"), "tests/solutions/softmax/accepted_blas.c");
    compile_result t, u;
    build(src, false, &t);
    build(src, true, &u);
    free(src);
    char *tdir = path_dirname(t.so_path), *udir = path_dirname(u.so_path);
    assert_string_not_equal(tdir, udir);
    assert_true(strncmp(u.so_path, tdir, strlen(tdir)) != 0);
    assert_true(strncmp(t.so_path, udir, strlen(udir)) != 0);
    free(tdir);
    free(udir);
    compile_result_clear(&t);
    compile_result_clear(&u);
}

static void planted_build_is_not_loaded_as_the_reference(void **state)
{
    (void)state;
    /* a wrong solution's build, copied where untrusted builds go under
     * the reference's file name: what a collision would achieve */
    char *wrong = test_write(dir, "wrong.c",
                             "void softmax(const double *Z, int n, int k, double *P)\n"
                             "{ for (int i = 0; i < n * k; i++) P[i] = Z[i] * 0; }\n");
    compile_result t, w;
    build(softmax->reference, false, &t);
    build(wrong, true, &w);
    size_t tlen, wlen;
    char *tbytes = read_all(t.so_path, &tlen), *wbytes = read_all(w.so_path, &wlen);
    char *udir = path_dirname(w.so_path);
    char *planted = path_join(udir, path_basename(t.so_path));
    assert_int_equal(file_write_atomic(planted, wbytes, wlen, NULL), 0);

    /* the reference comes from the cache, and it is still the reference */
    compile_result again;
    build(softmax->reference, false, &again);
    assert_string_equal(again.so_path, t.so_path);
    size_t alen;
    char *abytes = read_all(again.so_path, &alen);
    assert_true(alen == tlen && memcmp(abytes, tbytes, tlen) == 0);

    /* with the trusted entry gone, it is built again, not taken from the
     * planted file */
    compile_result_clear(&again);
    unlink(t.so_path);
    build(softmax->reference, false, &again);
    assert_false(again.cached);
    free(abytes);
    abytes = read_all(again.so_path, &alen);
    assert_true(alen != wlen || memcmp(abytes, wbytes, wlen) != 0);

    free(abytes);
    free(tbytes);
    free(wbytes);
    free(udir);
    free(planted);
    free(wrong);
    compile_result_clear(&t);
    compile_result_clear(&w);
    compile_result_clear(&again);
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "compiling a learner's file did not finish: an #include "
                              "in a comment was followed\n";
    ssize_t n = write(2, msg, sizeof msg - 1);
    (void)n;
    _exit(1);
}

static void learner_includes_are_not_followed(void **state)
{
    (void)state;
    /* before the confined compiler ever runs, nothing reads what the
     * file names: not /proc/self/pagemap (a "regular" file of hundreds
     * of gigabytes), not /dev/zero (endless), not the file itself */
    char *src = test_write(dir, "incl.c",
                           "/* #include \"/proc/self/pagemap\" */\n"
                           "/* #include \"/dev/zero\" */\n"
                           "// #include \"incl.c\"\n"
                           "void softmax(const double *Z, int n, int k, double *P)\n"
                           "{ for (int i = 0; i < n * k; i++) P[i] = Z[i]; }\n");
    signal(SIGALRM, on_alarm);
    alarm(20);
    compile_result r;
    build(src, true, &r);
    alarm(0);
    compile_result_clear(&r);
    free(src);
}

static void only_regular_files_are_compiled(void **state)
{
    (void)state;
    char *fifo = path_join(dir, "fifo.c"), *link = path_join(dir, "link.c");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(symlink(softmax->reference, link), 0);
    const char *bad[] = {fifo, link, "/dev/zero", dir};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        compile_opts o = {0};
        o.untrusted = true;
        compile_result r;
        md_err err;
        signal(SIGALRM, on_alarm);
        alarm(20);
        assert_int_equal(compile_file(softmax, bad[i], &o, &r, &err), -1);
        alarm(0);
        assert_non_null(strstr(err.msg, bad[i]));
        compile_result_clear(&r);
    }
    free(fifo);
    free(link);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(untrusted_build_never_lands_among_trusted_ones),
        cmocka_unit_test(planted_build_is_not_loaded_as_the_reference),
        cmocka_unit_test(learner_includes_are_not_followed),
        cmocka_unit_test(only_regular_files_are_compiled),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
