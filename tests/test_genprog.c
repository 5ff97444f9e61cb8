/* genprog (run/genprog.h): a challenge's generator programs fill the
 * inputs that name them, seeded, shaped and finished (modifiers, ints)
 * like a built-in generator's; a program that crashes, loops, is refused
 * a system call, writes past its buffer, writes NaN or leaves an element
 * unwritten is an error naming the program, the case and the input; an
 * input still waiting for its program is never laid out.  The programs
 * are tests/genprog/programs.c; each test writes a spec around them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run/genprog.h"
#include "run/layout.h"
#include "spec/challenge.h"
#include "spec/spec.h"
#include "unit/testutil.h"

static char *dir;    /* the specs and a copy of the programs */

static const char SPEC[] =
    "{\"id\": \"gp\", \"title\": \"G\", \"difficulty\": \"easy\", \"minutes\": 5,\n"
    " \"statement\": \"s\", \"reference\": \"ref.c\",\n"
    " \"functions\": [{\"name\": \"f\", \"returns\": \"void\", \"params\": [\n"
    "   {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},\n"
    "   {\"name\": \"K\", \"type\": \"int[]\", \"shape\": [\"n\"]},\n"
    "   {\"name\": \"W\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},\n"
    "   {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"},\n"
    "   {\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],\n"
    " \"generators\": {\"source\": \"%s\", \"functions\": [\n"
    "   {\"name\": \"ramp\", \"params\": [{\"name\": \"height\", \"type\": \"double\"}]},\n"
    "   {\"name\": \"counts\", \"params\": [{\"name\": \"start\", \"type\": \"int\"}]},\n"
    "   {\"name\": \"crashes\"}, {\"name\": \"loops\"}, {\"name\": \"writes_nan\"},\n"
    "   {\"name\": \"skips_first\"}, {\"name\": \"opens\"}, {\"name\": \"writes_past\"}%s]},\n"
    " \"inputs\": {\"X\": %s, \"K\": {\"gen\": \"counts\", \"start\": \"n\"},\n"
    "            \"W\": {\"gen\": \"rows\", \"from\": \"X\", \"shift\": 1}},\n"
    " \"checks\": [{\"output\": \"y\"}],\n"
    " \"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 4, \"d\": 3}},\n"
    "             {\"name\": \"b\", \"visible\": false, \"vars\": {\"n\": 2, \"d\": 5}}],\n"
    " \"limits\": {\"wall_s\": 0.5}}\n";

static int setup(void **state)
{
    (void)state;
    const char *src = getenv("MLDRILL_SRC");
    dir = test_tmpdir();
    if (!src || !dir)
        return -1;
    char *from = path_join(src, "tests/genprog/programs.c");
    md_err err;
    char *text = file_read(from, NULL, &err);
    free(from);
    if (!text)
        return -1;
    free(test_write(dir, "programs.c", text));
    free(test_write(dir, "broken.c", "void ramp(int seed, int rows\n"));
    free(test_write(dir, "ref.c", "/* never compiled here */\n"));
    free(text);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(dir);
    return 0;
}

/* The challenge with X made by the generator object x_gen, its programs
 * in source, and "nowhere" declared too when asked (source lacks it). */
static challenge *load_with(const char *source, const char *x_gen, bool nowhere)
{
    char *text = xasprintf(SPEC, source, nowhere ? ", {\"name\": \"nowhere\"}" : "", x_gen);
    char *path = test_write(dir, "gp.json", text);
    md_err err;
    challenge *c = challenge_load(path, &err);
    if (!c)
        fail_msg("%s", err.msg);
    free(path);
    free(text);
    return c;
}

/* Both cases instantiated at seed 7 (caller frees each). */
static void instantiate(const challenge *c, case_inst *cases, case_inst **ptrs)
{
    for (int i = 0; i < 2; i++) {
        md_err err;
        if (case_instantiate(c, &c->cases[i], 7, NULL, 1, &cases[i], &err) != 0)
            fail_msg("%s", err.msg);
        ptrs[i] = &cases[i];
    }
}

static void programs_should_fill_their_inputs(void **state)
{
    (void)state;
    challenge *c = load_with("programs.c",
                             "{\"gen\": \"ramp\", \"height\": \"d\", \"set\": "
                             "[{\"at\": 0, \"value\": -1}]}",
                             false);
    case_inst cases[2], *ptrs[2];
    instantiate(c, cases, ptrs);
    /* X and K of both, and W, derived from X, waits for it */
    assert_int_equal(genprog_pending(ptrs, 2), 6);
    /* not laid out while an input waits for its program */
    layout_opts lo = {0};
    lo.memory_bytes = 256u << 20;
    md_err err;
    assert_null(layout_build(ptrs, 2, &lo, &err));
    assert_non_null(strstr(err.msg, "waits for its generator program"));
    assert_int_equal(genprog_fill(c, ptrs, 2, NULL, &err), 0);
    assert_int_equal(genprog_pending(ptrs, 2), 0);
    for (int i = 0; i < 2; i++) {
        const value *X = case_value(&cases[i], "X"), *K = case_value(&cases[i], "K");
        long long n = X->dims[0], d = X->dims[1];
        /* the seed the program got: the input's, as a built-in's rng */
        int seed = (int)((cases[i].seed ^ hash_str(HASH_SEED, "X")) >> 33);
        const double *x = X->data;
        assert_true(x[0] == -1);    /* "set" applies after the program */
        for (long long r = 0; r < n; r++)
            for (long long k = (r == 0); k < d; k++)
                assert_true(x[r * d + k] == (double)d * (r + 1) + k + (seed % 8) / 8.0);
        const int *kk = K->data;    /* ints rounded from start + i + 0.25 */
        for (long long r = 0; r < n; r++)
            assert_int_equal(kk[r], n + r);
        /* a built-in generator derived from a program's input runs after it */
        const double *w = case_value(&cases[i], "W")->data;
        for (long long e = 0; e < n * d; e++)
            assert_true(w[e] == x[e] + 1);
    }
    /* the same seed gives the same data */
    case_inst again[2], *ptrs2[2];
    instantiate(c, again, ptrs2);
    assert_int_equal(genprog_fill(c, ptrs2, 2, NULL, &err), 0);
    for (int i = 0; i < 2; i++) {
        const value *a = case_value(&cases[i], "X"), *b = case_value(&again[i], "X");
        assert_memory_equal(a->data, b->data, sizeof(double) * (size_t)a->count);
        case_inst_free(&again[i]);
    }
    layout *l = layout_build(ptrs, 2, &lo, &err);
    assert_non_null(l);
    layout_free(l);
    for (int i = 0; i < 2; i++)
        case_inst_free(&cases[i]);
    spec_free(c);
}

/* Each program the grader must survive, and what its error must say. */
static const struct {
    const char *source, *gen, *says;
} hostile[] = {
    {"programs.c", "crashes", "segmentation fault"},
    {"programs.c", "loops", "did not finish"},
    {"programs.c", "opens", "open"},
    {"programs.c", "writes_past", "past the end"},
    {"programs.c", "writes_nan", "X[11] is nan"},
    {"programs.c", "skips_first", "X[0] is nan"},
    {"programs.c", "nowhere", "could not run"},
    {"broken.c", "ramp\", \"height\": \"1", "do not compile"},
};

static void a_failing_program_should_be_named(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof hostile / sizeof hostile[0]; t++) {
        char *gen = xasprintf("{\"gen\": \"%s\"}", hostile[t].gen);
        challenge *c = load_with(hostile[t].source, gen, strcmp(hostile[t].gen, "nowhere") == 0);
        free(gen);
        case_inst cases[2], *ptrs[2];
        instantiate(c, cases, ptrs);
        md_err err;
        double t0 = now_seconds();
        int rc = genprog_fill(c, ptrs, 2, NULL, &err);
        printf("%s: %s\n", hostile[t].gen, rc ? err.msg : "(filled)");
        assert_int_equal(rc, -1);
        assert_true(now_seconds() - t0 < 20);
        assert_non_null(strstr(err.msg, hostile[t].says));
        if (strcmp(hostile[t].source, "programs.c") == 0 && strcmp(hostile[t].gen, "nowhere"))
            assert_non_null(strstr(err.msg, "case \"a\""));
        for (int i = 0; i < 2; i++)
            case_inst_free(&cases[i]);
        spec_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(programs_should_fill_their_inputs),
        cmocka_unit_test(a_failing_program_should_be_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
