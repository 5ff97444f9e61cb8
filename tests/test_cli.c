/* The command-line contract (DESIGN.md): `mldrill grade ... --json` prints
 * one JSON object with the documented keys; exit codes 0/1/2/3; text
 * output without colour on a pipe.  Runs the built mldrill ($MLDRILL_BIN). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "util/util.h"

typedef struct run {
    int code;
    char *out, *err;
} run;

/* Runs mldrill with a shell-quoted argument string; captures both streams. */
static run mldrill(const char *args)
{
    const char *bin = getenv("MLDRILL_BIN");
    const char *src = getenv("MLDRILL_SRC");
    assert_non_null(bin);
    assert_non_null(src);
    char errfile[] = "/tmp/mldrill-cli-XXXXXX";
    int fd = mkstemp(errfile);
    assert_true(fd >= 0);
    char *cmd = xasprintf("cd '%s' && '%s' %s 2>'%s'", src, bin, args, errfile);
    FILE *p = popen(cmd, "r");
    free(cmd);
    strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        sb_addn(&sb, buf, n);
    int st = pclose(p);
    run r = {WIFEXITED(st) ? WEXITSTATUS(st) : -1, sb_take(&sb), NULL};
    r.err = file_read(errfile, NULL, NULL);
    unlink(errfile);
    close(fd);
    return r;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static void json_report_should_follow_the_contract(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/solutions/softmax/accepted_loops.c --json --seed 3");
    assert_int_equal(r.code, 0);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    assert_string_equal(str(o, "challenge"), "softmax");
    assert_string_equal(str(o, "status"), "graded");
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(o, "score");
    assert_true(cJSON_IsNumber(score) && score->valuedouble >= 0 && score->valuedouble <= 100);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "passed")));
    const cJSON *crits = cJSON_GetObjectItemCaseSensitive(o, "criteria"), *c;
    assert_true(cJSON_IsArray(crits));
    double maxsum = 0;
    int n = 0;
    cJSON_ArrayForEach(c, crits)
    {
        const char *name = str(c, "name");
        assert_true(strcmp(name, "correctness") == 0 || strcmp(name, "stability") == 0 ||
                    strcmp(name, "vectorization") == 0 || strcmp(name, "organization") == 0);
        assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(c, "score")));
        maxsum += cJSON_GetObjectItemCaseSensitive(c, "max")->valuedouble;
        assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(c, "passed")));
        assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(c, "findings")));
        n++;
    }
    /* softmax has no training loop: convergence is left out, the rest
     * scaled to 100 */
    assert_int_equal(n, 4);
    assert_true(maxsum > 99.5 && maxsum < 100.5);
    assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(o, "mistakes")));
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(o, "cases");
    assert_true(cJSON_GetArraySize(cases) >= 5);
    cJSON_ArrayForEach(c, cases)
    {
        str(c, "name");
        str(c, "criterion");
        assert_string_equal(str(c, "status"), "pass");
        str(c, "message");
    }
    cJSON_Delete(o);
    run_free(&r);
}

static void compile_error_should_exit_1_with_compiler_output(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/solutions/softmax/wrong_signature.c --json");
    assert_int_equal(r.code, 1);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    assert_string_equal(str(o, "status"), "compile_error");
    assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "passed")));
    assert_non_null(strstr(str(o, "compiler_output"), "conflicting types"));
    cJSON_Delete(o);
    run_free(&r);
}

static void crash_should_be_a_case_status(void **state)
{
    (void)state;
    run r = mldrill("grade kmeans tests/solutions/kmeans/segfault.c --json");
    assert_int_equal(r.code, 1);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    const cJSON *c;
    int crashes = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "cases"))
        if (strcmp(str(c, "status"), "crash") == 0) {
            crashes++;
            assert_non_null(strstr(str(c, "message"), "segmentation fault"));
        }
    assert_true(crashes > 0);
    cJSON_Delete(o);
    run_free(&r);
}

static void mutated_input_should_be_named(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/solutions/softmax/mutates_input.c --json");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "\"mutates_input\""));
    assert_non_null(strstr(r.out, "wrote into input Z"));
    run_free(&r);
}

static void text_report_should_have_no_colour_on_a_pipe(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/solutions/softmax/mistake_no_max_shift.c --no-timing");
    assert_int_equal(r.code, 1);
    assert_null(strstr(r.out, "\033["));
    assert_non_null(strstr(r.out, "Score "));
    assert_non_null(strstr(r.out, "exp without subtracting the row max"));
    assert_non_null(strstr(r.out, "huge logits"));
    run_free(&r);
}

static void including_the_reference_should_not_compile(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/cheats/include_reference.c --json");
    assert_int_equal(r.code, 1);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    assert_string_equal(str(o, "status"), "compile_error");
    /* refused by the confinement, unless the kernel has no Landlock */
    const char *out = str(o, "compiler_output");
    assert_true(strstr(out, "Permission denied") || strstr(out, "No such file"));
    cJSON_Delete(o);
    run_free(&r);
}

static void usage_errors_should_exit_2(void **state)
{
    (void)state;
    run r = mldrill("grade nosuch tests/solutions/softmax/accepted_loops.c");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "unknown challenge"));
    run_free(&r);
    /* a mistyped id gets a suggestion, from every command that takes one */
    static const char *const typos[][2] = {
        {"grade sofmtax tests/solutions/softmax/accepted_loops.c", "softmax"},
        {"show kmean", "kmeans"},
        {"validate lgoreg", "logreg"},
    };
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        r = mldrill(typos[i][0]);
        assert_int_equal(r.code, 2);
        char *want = xasprintf("did you mean `%s`?", typos[i][1]);
        if (!strstr(r.err, want))
            fail_msg("%s: %s", typos[i][0], r.err);
        free(want);
        run_free(&r);
    }
    r = mldrill("grade softmax /nonexistent/solution.c");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "/nonexistent/solution.c"));
    run_free(&r);
    r = mldrill("grade softmax");
    assert_int_equal(r.code, 2);
    run_free(&r);
    r = mldrill("no-such-command");
    assert_int_equal(r.code, 2);
    run_free(&r);
    r = mldrill("grade --seed banana softmax x.c");
    assert_int_equal(r.code, 2);
    run_free(&r);
}

/* `grade FILE.c`: the challenge from the file's name (or its directory's),
 * said on stderr; two candidates or none: exit 2 with the candidates */
static void grade_without_a_challenge_should_take_it_from_the_file_name(void **state)
{
    (void)state;
    run r = mldrill("grade tests/solutions/softmax/accepted_loops.c --json --no-timing "
                    "--seed 3");
    assert_int_equal(r.code, 0);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    assert_string_equal(str(o, "challenge"), "softmax");
    cJSON_Delete(o);
    assert_non_null(strstr(r.err, "taken as softmax (from its directory's name)"));
    run_free(&r);
    char *dir = xstrdup("/tmp/mldrill-cli-name-XXXXXX");
    assert_non_null(mkdtemp(dir));
    static const char *const names[][2] = {
        {"knn_vs_kmeans.c", "which challenge is"},
        {"my_solution.c", "does not name a challenge"},
        {"sofmtax.c", "did you mean softmax?"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *f = path_join(dir, names[i][0]);
        assert_int_equal(file_write_atomic(f, "int x;\n", 7, NULL), 0);
        char *args = xasprintf("grade '%s'", f);
        r = mldrill(args);
        assert_int_equal(r.code, 2);
        if (!strstr(r.err, names[i][1]))
            fail_msg("%s: %s", names[i][0], r.err);
        if (i == 0)
            assert_non_null(strstr(r.err, "kmeans, knn"));
        run_free(&r);
        free(args);
        free(f);
    }
    remove_tree(dir);
    free(dir);
}

/* the text report ends with the seed and the command that repeats it */
static void text_report_should_say_how_to_repeat_the_grading(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/solutions/softmax/mistake_no_max_shift.c --no-timing "
                    "--seed 77");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.out, "Hidden cases drawn with seed 77"));
    assert_non_null(strstr(r.out, "  mldrill grade softmax "
                                  "tests/solutions/softmax/mistake_no_max_shift.c --seed 77\n"));
    run_free(&r);
}

static void a_submission_that_is_not_a_regular_file_should_exit_2_at_once(void **state)
{
    (void)state;
    /* a FIFO would block a plain open, /dev/zero never ends, a link may
     * point anywhere: each is refused before anything reads it */
    char dir[] = "/tmp/mldrill-cli-paths-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = path_join(dir, "fifo.c"), *link = path_join(dir, "link.c");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(symlink("/dev/zero", link), 0);
    const char *paths[] = {fifo, "/dev/zero", link, dir};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *args = xasprintf("grade softmax '%s'", paths[i]);
        double t0 = now_seconds();
        run r = mldrill(args);
        if (r.code != 2 || !strstr(r.err, paths[i]))
            fail_msg("%s: exit %d, %s", paths[i], r.code, r.err);
        assert_true(now_seconds() - t0 < 10);
        run_free(&r);
        free(args);
    }
    unlink(fifo);
    unlink(link);
    rmdir(dir);
    free(fifo);
    free(link);
}

static void escape_sequences_of_a_solution_should_be_shown_not_sent(void **state)
{
    (void)state;
    run r = mldrill("grade softmax tests/faults/fake_score.c --no-timing");
    assert_null(strchr(r.out, '\033'));
    assert_null(strchr(r.out, '\r'));
    assert_non_null(strstr(r.out, "\\x1b[2J"));
    run_free(&r);
}

/* A number of a JSON object, asserted present. */
static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    assert_true(cJSON_IsNumber(v));
    return v->valuedouble;
}

/* Shrinking (grade/shrink.h): a failed hidden case gets a smaller case
 * that fails the same way, in the JSON (its variables, its inputs in
 * full, its message) and in the text; a case with written-out inputs
 * says it cannot be made smaller. */
static void a_failed_hidden_case_should_come_with_a_smaller_one(void **state)
{
    (void)state;
    run r = mldrill("grade kmeans tests/solutions/kmeans/mistake_ignores_tol.c --json "
                    "--no-timing --seed 5");
    assert_int_equal(r.code, 1);
    cJSON *o = cJSON_Parse(r.out);
    assert_non_null(o);
    const cJSON *c, *found = NULL;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "cases"))
    {
        if (strcmp(str(c, "name"), "blobs 300x3, k=4") == 0)
            found = cJSON_GetObjectItemCaseSensitive(c, "shrunk");
        /* visible examples are shown as they are: never shrunk */
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "visible")))
            assert_null(cJSON_GetObjectItemCaseSensitive(c, "shrunk"));
    }
    assert_non_null(found);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(found, "found")));
    assert_non_null(strstr(str(found, "message"), "iters is"));
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(found, "vars");
    double n = num(vars, "n"), d = num(vars, "d");
    assert_true(n >= 1 && n < 300 && d >= 1 && d <= 3 && n * d < 900);
    /* the inputs in full, in the smaller case's shape */
    const cJSON *X = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(found,
                                                                                       "inputs"),
                                                      "X");
    assert_true(cJSON_IsArray(X));
    assert_int_equal(cJSON_GetArraySize(X), (int)n);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetArrayItem(X, 0)), (int)d);
    assert_true(num(found, "elements") < num(found, "original_elements"));
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(o, "shrinking");
    assert_true(num(sh, "runs") > 0 && num(sh, "runs") <= 60);
    cJSON_Delete(o);
    run_free(&r);

    r = mldrill("grade kmeans tests/solutions/kmeans/mistake_ignores_tol.c --no-timing --seed 5");
    assert_non_null(strstr(r.out, "smaller: the same mistake already shows at n = "));
    assert_non_null(strstr(r.out, "(instead of n = 300, d = 3, k = 4, max_iter = 100)"));
    assert_non_null(strstr(r.out, "        X ("));
    run_free(&r);
    r = mldrill("grade label_encoder tests/solutions/label_encoder/mistake_zero_based_codes.c "
                "--no-timing --seed 1");
    assert_non_null(strstr(r.out, "it cannot be made smaller"));
    run_free(&r);
    r = mldrill("grade kmeans tests/solutions/kmeans/mistake_ignores_tol.c --json --no-timing "
                "--seed 5 --no-shrink");
    assert_null(strstr(r.out, "\"shrunk\""));
    run_free(&r);
}

/* `mldrill debug`: the files it writes, the case it picks (the first that
 * fails, made smaller; or the one asked for), and its exit codes. */
static void debug_should_write_a_program_for_one_case(void **state)
{
    (void)state;
    char *dir = xstrdup("/tmp/mldrill-cli-debug-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char *args = xasprintf("debug softmax tests/solutions/softmax/mistake_no_max_shift.c "
                           "--seed 3 -o '%s/d'", dir);
    run r = mldrill(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "(hidden), made smaller: "));
    assert_non_null(strstr(r.out, "Your file fails it: "));
    static const char *const files[] = {"main.c", "check.h", "prototypes.h", "Makefile",
                                        "solution.c"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *f = xasprintf("%s/d/%s", dir, files[i]);
        if (!file_exists(f))
            fail_msg("%s was not written", f);
        free(f);
    }
    char *main_c = xasprintf("%s/d/main.c", dir);
    char *text = file_read(main_c, NULL, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "softmax(Z, n, k, P);"));
    assert_non_null(strstr(text, "md_allclose(&g_, "));
    free(text);
    free(main_c);
    run_free(&r);
    free(args);
    /* by number and by name; a case that does not exist is bad usage */
    args = xasprintf("debug softmax tests/solutions/softmax/accepted_loops.c --case 2 -o '%s/d'",
                     dir);
    r = mldrill(args);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "case 2 \"example: one row of four\" (an example).\n"
                                  "Your file passes it."));
    run_free(&r);
    free(args);
    r = mldrill("debug softmax tests/solutions/softmax/accepted_loops.c --case 'huge logit'");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "did you mean \"huge logits\"?"));
    run_free(&r);
    r = mldrill("debug softmax tests/solutions/softmax/accepted_loops.c --case 999");
    assert_int_equal(r.code, 2);
    run_free(&r);
    args = xasprintf("debug softmax tests/solutions/softmax/wrong_signature.c -o '%s/e'", dir);
    r = mldrill(args);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "does not compile"));
    run_free(&r);
    free(args);
    remove_tree(dir);
    free(dir);
}

static void help_should_exit_0(void **state)
{
    (void)state;
    run r = mldrill("--help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "grade"));
    run_free(&r);
    r = mldrill("grade --help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--json"));
    run_free(&r);
}

static void invalid_spec_should_exit_2_with_location(void **state)
{
    (void)state;
    char dir[] = "/tmp/mldrill-cli-spec-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *spec = path_join(dir, "broken.json");
    FILE *f = fopen(spec, "w");
    fputs("{\n  \"id\": \"broken\",\n  \"title\": 3\n}\n", f);
    fclose(f);
    char *args = xasprintf("--challenges %s grade broken tests/solutions/softmax/accepted_loops.c",
                           dir);
    run r = mldrill(args);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "broken.json:3:"));
    assert_non_null(strstr(r.err, "title"));
    run_free(&r);
    free(args);
    unlink(spec);
    free(spec);
    rmdir(dir);
}

/* Writes text to dir/name (a fixture of a test). */
static void put_file(const char *dir, const char *name, const char *text)
{
    char *p = path_join(dir, name);
    assert_int_equal(file_write_atomic(p, text, strlen(text), NULL), 0);
    free(p);
}

/* A spec of one function y = f(x) whose case "a" has the given inputs. */
static const char *const tiny_spec =
    "{\n  \"id\": \"tiny\", \"title\": \"T\", \"difficulty\": \"easy\", \"minutes\": 5,\n"
    "  \"statement\": \"s\", \"reference\": \"tiny.c\",\n"
    "  \"functions\": [{\"name\": \"f\", \"params\": [\n"
    "    {\"name\": \"x\", \"type\": \"int[]\", \"shape\": [\"n\"]},\n"
    "    {\"name\": \"n\", \"type\": \"int\"},\n"
    "    {\"name\": \"y\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],\n"
    "  \"checks\": [{\"output\": \"y\", \"compare\": \"equal\"}],\n"
    "  \"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 4},\n"
    "    \"inputs\": {\"x\": %s}}]\n}\n";

/* Grades tiny.c against the tiny spec with case "a"'s input x; the run. */
static run grade_tiny(const char *input)
{
    char dir[] = "/tmp/mldrill-cli-spec-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *spec = xasprintf(tiny_spec, input);
    put_file(dir, "tiny.json", spec);
    put_file(dir, "tiny.c", "void f(const int *x, int n, int *y)\n"
                            "{\n    for (int i = 0; i < n; i++)\n        y[i] = x[i];\n}\n");
    char *args = xasprintf("--challenges %s grade tiny %s/tiny.c --no-timing", dir, dir);
    run r = mldrill(args);
    free(args);
    free(spec);
    remove_tree(dir);
    return r;
}

/* Every name in every expression resolves when the spec loads: a typo in
 * a generator's "set" is an invalid spec (2), located, before grading. */
static void an_unknown_name_should_be_an_invalid_spec_at_load(void **state)
{
    (void)state;
    run r = grade_tiny("{\"gen\": \"ints\", \"low\": 0, \"high\": 3, "
                       "\"set\": [{\"at\": 0, \"count\": \"nn\", \"value\": 1}]}");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "tiny.json:10:"));
    assert_non_null(strstr(r.err, "cases[0].inputs.x.set[0].count: unknown name \"nn\""));
    run_free(&r);
}

/* A spec that loads but asks a generator for the impossible only at
 * grading (labels of 0 classes) is still the spec's error: 2, not 3. */
static void a_generator_error_at_grading_should_exit_2(void **state)
{
    (void)state;
    run r = grade_tiny("{\"gen\": \"labels\", \"classes\": 0}");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "invalid spec: "));
    assert_non_null(strstr(r.err, "case \"a\""));
    run_free(&r);
}

/* A course directory's other JSON files (grades.json, notes.json) are
 * not challenges: list and validate DIR skip them with a note. */
static void json_files_that_are_not_specs_should_be_skipped_with_a_note(void **state)
{
    (void)state;
    run r = mldrill("--challenges tests/course list");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "scale "));
    assert_null(strstr(r.out, "grades"));
    assert_non_null(strstr(r.err, "note: skipped tests/course/grades.json: not a challenge spec"));
    assert_non_null(strstr(r.err, "note: skipped tests/course/notes.json: not a challenge spec"));
    run_free(&r);
    r = mldrill("--challenges tests/course validate tests/course --no-examples --seed 1");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "validate tests/course/scale.json"));
    assert_null(strstr(r.out, "grades.json"));
    assert_non_null(strstr(r.err, "skipped tests/course/grades.json"));
    run_free(&r);
    r = mldrill("--challenges tests/course show grades");
    assert_int_equal(r.code, 2);    /* not a challenge, whatever its name */
    run_free(&r);
}

/* Rewrites every line of the baselines file as "key best/by", with no
 * recent times (as an older mldrill wrote them). */
static void scale_baselines(const char *file, double by)
{
    char *text = file_read(file, NULL, NULL);
    assert_non_null(text);
    strbuf sb = {0};
    int lines = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char *sp = strchr(l, ' ');
        assert_non_null(sp);
        *sp = '\0';
        sb_printf(&sb, "%s %.9g\n", l, strtod(sp + 1, NULL) / by);
        lines++;
    }
    assert_int_equal(lines, 1);    /* the largest timing input only */
    assert_true(file_write_atomic(file, sb.buf, sb.len, NULL) == 0);
    sb_free(&sb);
    free(text);
}

/* A busy machine: with a baseline 1.6 times better than what the
 * reference can do now, the timing is redone, the report says the
 * machine was busy, and the points come from the ratio against that best
 * (never more than the measured ratio gives).  A best a thousand times
 * better (a forged one) is not believed: no busy machine.  The first
 * grading in a fresh cache has no baseline and says nothing of the kind. */
static void a_reference_slower_than_its_best_should_be_retimed_and_named(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/mldrill-cli-cache-XXXXXX";
    char *cache = mkdtemp(tmpl);
    assert_non_null(cache);
    char *old = getenv("XDG_CACHE_HOME") ? xstrdup(getenv("XDG_CACHE_HOME")) : NULL;
    setenv("XDG_CACHE_HOME", cache, 1);
    const char *args = "grade linreg_gd tests/solutions/linreg_gd/accepted_blas.c --json";

    run r = mldrill(args);
    assert_int_equal(r.code, 0);
    cJSON *j = cJSON_Parse(r.out);
    assert_non_null(j);
    cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "timing");
    assert_non_null(t);
    assert_null(cJSON_GetObjectItemCaseSensitive(t, "reference_slowdown"));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(t, "retimed")));
    assert_null(strstr(r.out, "the machine was busy"));
    cJSON_Delete(j);
    run_free(&r);

    char *file = xasprintf("%s/mldrill/timing-baselines", cache);
    scale_baselines(file, 1.6);
    r = mldrill(args);
    assert_int_equal(r.code, 0);
    j = cJSON_Parse(r.out);
    assert_non_null(j);
    t = cJSON_GetObjectItemCaseSensitive(j, "timing");
    const cJSON *slow = cJSON_GetObjectItemCaseSensitive(t, "reference_slowdown");
    const cJSON *ratio = cJSON_GetObjectItemCaseSensitive(t, "ratio");
    const cJSON *scored = cJSON_GetObjectItemCaseSensitive(t, "scored_ratio");
    assert_true(cJSON_IsNumber(slow) && slow->valuedouble > 1.2);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "retimed")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "busy")));
    assert_true(scored->valuedouble > ratio->valuedouble);
    assert_non_null(strstr(r.out, "the machine was busy"));
    cJSON_Delete(j);
    run_free(&r);

    scale_baselines(file, 1000);
    r = mldrill(args);
    assert_int_equal(r.code, 0);
    j = cJSON_Parse(r.out);
    t = cJSON_GetObjectItemCaseSensitive(j, "timing");
    assert_null(cJSON_GetObjectItemCaseSensitive(t, "reference_slowdown"));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(t, "busy")));
    assert_null(strstr(r.out, "the machine was busy"));
    cJSON_Delete(j);
    run_free(&r);

    if (old)
        setenv("XDG_CACHE_HOME", old, 1);
    else
        unsetenv("XDG_CACHE_HOME");
    free(old);
    free(file);
    remove_tree(cache);
}

/* The JSON report of a grading (args after `grade`), parsed; exit code
 * in *code.  Caller deletes. */
static cJSON *graded(const char *args, int *code)
{
    char *cmd = xasprintf("grade %s --json", args);
    run r = mldrill(cmd);
    free(cmd);
    cJSON *o = cJSON_Parse(r.out);
    if (!o)
        fail_msg("grade %s: not JSON: %s", args, r.err ? r.err : "");
    *code = r.code;
    run_free(&r);
    return o;
}

/* A criterion of a report by name, or NULL. */
static const cJSON *criterion(const cJSON *o, const char *name)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "criteria"))
        if (strcmp(str(c, "name"), name) == 0)
            return c;
    return NULL;
}

/* Nothing ran, nothing earned (issue 12): a stub that compiles and does
 * nothing, a solution that crashes on every case and one that times out
 * on every case score 0 in every criterion. */
static void nothing_ran_should_earn_nothing(void **state)
{
    (void)state;
    static const char *const files[] = {
        "softmax tests/solutions/softmax/stub.c",
        "logreg tests/solutions/logreg/stub.c --no-timing",
        "kmeans tests/solutions/kmeans/segfault.c",
        "softmax tests/solutions/softmax/infinite_loop.c",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        int code;
        cJSON *o = graded(files[i], &code);
        assert_int_equal(code, 1);
        if (num(o, "score") != 0)
            fail_msg("%s: score %g", files[i], num(o, "score"));
        const cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "criteria"))
            if (num(c, "score") != 0)
                fail_msg("%s: %s scores %g", files[i], str(c, "name"), num(c, "score"));
        cJSON_Delete(o);
    }
}

/* --no-timing changes nothing but vectorization: each other criterion
 * gets the same points out of the same maximum, the total leaves
 * vectorization's share out, and the report says it was not graded. */
static void no_timing_should_keep_every_other_criterion(void **state)
{
    (void)state;
    static const char *const files[] = {
        "linreg_gd tests/solutions/linreg_gd/accepted_blas.c --seed 5",
        "logreg tests/solutions/logreg/global_state.c --seed 5",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        int code1, code2;
        cJSON *timed = graded(files[i], &code1);
        char *args = xasprintf("%s --no-timing", files[i]);
        cJSON *untimed = graded(args, &code2);
        const cJSON *c, *v = criterion(untimed, "vectorization");
        assert_non_null(v);
        assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(v, "graded")));
        assert_int_equal(num(v, "score"), 0);
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(timed, "criteria"))
        {
            const cJSON *u = criterion(untimed, str(c, "name"));
            assert_non_null(u);
            assert_true(num(u, "max") == num(c, "max"));
            if (strcmp(str(c, "name"), "vectorization") != 0 && num(u, "score") != num(c, "score"))
                fail_msg("%s: %s scores %g timed, %g not", files[i], str(c, "name"),
                         num(c, "score"), num(u, "score"));
        }
        const cJSON *tv = criterion(timed, "vectorization");
        assert_true(num(timed, "max_score") == 100);
        assert_true(num(untimed, "max_score") == 100 - num(v, "max"));
        if (fabs(num(untimed, "score") - (num(timed, "score") - num(tv, "score"))) > 1)
            fail_msg("%s: %g untimed, %g timed with %g for vectorization", files[i],
                     num(untimed, "score"), num(timed, "score"), num(tv, "score"));
        cJSON_Delete(timed);
        cJSON_Delete(untimed);
        free(args);
    }
    run r = mldrill("grade linreg_gd tests/solutions/linreg_gd/accepted_blas.c --no-timing");
    assert_non_null(strstr(r.out, "not timed (--no-timing)"));
    assert_non_null(strstr(r.out, "Vectorization (20 points) not graded (--no-timing): the "
                                  "score is out of 80."));
    assert_non_null(strstr(r.out, "Score 80/80"));
    run_free(&r);
}

/* Issue 13 point 1, through the example solutions (tests/failing_cases.txt
 * names one wrong example per challenge): the first failed case carries
 * its inputs and its first difference in --json, and the text report
 * shows both under that case's line. */
static void every_challenge_should_show_its_first_failed_case(void **state)
{
    (void)state;
    char *path = path_join(getenv("MLDRILL_SRC"), "tests/failing_cases.txt");
    char *table = file_read(path, NULL, NULL);
    assert_non_null(table);
    int checked = 0;
    for (char *save = NULL, *l = strtok_r(table, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char id[64], file[128];
        if (*l == '#' || sscanf(l, "%63s %127s", id, file) != 2)
            continue;
        char *args = xasprintf("%s tests/solutions/%s/%s --no-timing --seed 7", id, id, file);
        int code;
        cJSON *o = graded(args, &code);
        const cJSON *c, *first = NULL;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "cases"))
            if (!first && strcmp(str(c, "status"), "fail") == 0)
                first = c;
        if (!first)
            fail_msg("%s: no failed case", args);
        const cJSON *ins = cJSON_GetObjectItemCaseSensitive(first, "inputs");
        const cJSON *fd = cJSON_GetObjectItemCaseSensitive(first, "first_difference");
        if (!cJSON_IsObject(ins) || !ins->child || !cJSON_IsObject(fd))
            fail_msg("%s: case \"%s\" has no inputs or first_difference", args, str(first, "name"));
        assert_non_null(cJSON_GetObjectItemCaseSensitive(fd, "expected"));
        assert_non_null(cJSON_GetObjectItemCaseSensitive(fd, "actual"));
        const char *where = str(fd, "where");
        char *cmd = xasprintf("grade %s", args);
        run r = mldrill(cmd);
        free(cmd);
        char *line = xasprintf("%s [", str(first, "name"));
        const char *at = strstr(r.out, line);
        const char *next = at ? strstr(at + 1, "\n  \xe2\x9c\x97") : NULL;    /* the next case */
        size_t span = at ? (next ? (size_t)(next - at) : strlen(at)) : 0;
        char *block = at ? xstrndup(at, span) : xstrdup("");
        if (!at || !strstr(block, where) || !strstr(block, ins->child->string))
            fail_msg("%s: the text does not show %s and input %s under case \"%s\":\n%s", args,
                     where, ins->child->string, str(first, "name"), block);
        free(block);
        free(line);
        run_free(&r);
        cJSON_Delete(o);
        free(args);
        checked++;
    }
    assert_true(checked >= 25);
    free(table);
    free(path);
}

int main(int argc, char **argv)
{
    /* `test_cli failing-cases` runs the one test over every challenge (a
     * meson test of its own, with its own time limit) */
    const struct CMUnitTest per_challenge[] = {
        cmocka_unit_test(every_challenge_should_show_its_first_failed_case),
    };
    if (argc > 1 && strcmp(argv[1], "failing-cases") == 0)
        return cmocka_run_group_tests(per_challenge, NULL, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_report_should_follow_the_contract),
        cmocka_unit_test(compile_error_should_exit_1_with_compiler_output),
        cmocka_unit_test(crash_should_be_a_case_status),
        cmocka_unit_test(mutated_input_should_be_named),
        cmocka_unit_test(text_report_should_have_no_colour_on_a_pipe),
        cmocka_unit_test(including_the_reference_should_not_compile),
        cmocka_unit_test(usage_errors_should_exit_2),
        cmocka_unit_test(help_should_exit_0),
        cmocka_unit_test(grade_without_a_challenge_should_take_it_from_the_file_name),
        cmocka_unit_test(text_report_should_say_how_to_repeat_the_grading),
        cmocka_unit_test(a_failed_hidden_case_should_come_with_a_smaller_one),
        cmocka_unit_test(debug_should_write_a_program_for_one_case),
        cmocka_unit_test(a_submission_that_is_not_a_regular_file_should_exit_2_at_once),
        cmocka_unit_test(escape_sequences_of_a_solution_should_be_shown_not_sent),
        cmocka_unit_test(invalid_spec_should_exit_2_with_location),
        cmocka_unit_test(an_unknown_name_should_be_an_invalid_spec_at_load),
        cmocka_unit_test(a_generator_error_at_grading_should_exit_2),
        cmocka_unit_test(json_files_that_are_not_specs_should_be_skipped_with_a_note),
        cmocka_unit_test(a_reference_slower_than_its_best_should_be_retimed_and_named),
        cmocka_unit_test(nothing_ran_should_earn_nothing),
        cmocka_unit_test(no_timing_should_keep_every_other_criterion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
