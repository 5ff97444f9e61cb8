/* Unit tests: input generators and case instantiation. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/cases.h"
#include "spec/gen.h"
#include "testutil.h"

static gen_spec *parse(const char *json)
{
    jdoc d;
    md_err err;
    assert_int_equal(jdoc_parse(&d, "g.json", xstrdup(json), &err), 0);
    gen_spec *g = gen_parse(&d, d.root, "g", NULL, &err);
    if (!g)
        fail_msg("%s", err.msg);
    jdoc_free(&d);
    return g;
}

static value *find_none(void *ctx, const char *name)
{
    value *v = ctx;
    return v && strcmp(v->name, name) == 0 ? v : NULL;
}

static void make(value *v, const char *name, vtype t, long long rows, long long cols)
{
    memset(v, 0, sizeof *v);
    v->name = xstrdup(name);
    v->type = t;
    v->array = true;
    v->ndim = 2;
    v->dims[0] = rows;
    v->dims[1] = cols;
    v->count = rows * cols;
}

static void same_seed_should_give_same_data(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"normal\", \"mean\": 2, \"std\": 3}");
    value a, b;
    make(&a, "X", VT_DOUBLE, 10, 4);
    make(&b, "X", VT_DOUBLE, 10, 4);
    rng r1, r2;
    rng_seed(&r1, 42);
    rng_seed(&r2, 42);
    md_err err;
    assert_int_equal(gen_fill(g, &a, &r1, NULL, find_none, NULL, &err), 0);
    assert_int_equal(gen_fill(g, &b, &r2, NULL, find_none, NULL, &err), 0);
    assert_memory_equal(a.data, b.data, sizeof(double) * 40);
    double mean = 0;
    for (int i = 0; i < 40; i++)
        mean += ((double *)a.data)[i] / 40;
    assert_true(mean > 0.5 && mean < 3.5);
    value_clear(&a);
    value_clear(&b);
    gen_free(g);
}

static void blobs_should_label_rows(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"blobs\", \"centers\": 3, \"std\": 0.01, \"spread\": 100}");
    gen_spec *lab = parse("{\"gen\": \"cluster_of\", \"from\": \"X\"}");
    value X, y;
    make(&X, "X", VT_DOUBLE, 30, 2);
    make(&y, "y", VT_INT, 30, 1);
    rng r;
    rng_seed(&r, 1);
    md_err err;
    assert_int_equal(gen_fill(g, &X, &r, NULL, find_none, NULL, &err), 0);
    assert_int_equal(gen_fill(lab, &y, &r, NULL, find_none, &X, &err), 0);
    const int *l = y.data;
    const double *x = X.data;
    /* points of one cluster sit together */
    for (int i = 0; i < 30; i++)
        for (int j = 0; j < 30; j++)
            if (l[i] == l[j])
                assert_true(fabs(x[2 * i] - x[2 * j]) < 1);
    assert_int_equal(l[0], 0);
    assert_int_equal(l[1], 1);
    assert_int_equal(l[2], 2);
    value_clear(&X);
    value_clear(&y);
    gen_free(g);
    gen_free(lab);
}

static void literal_count_mismatch_should_explain(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"literal\": [[1, 2], [3, \"nan\"]]}");
    value v;
    make(&v, "Z", VT_DOUBLE, 2, 3);
    rng r;
    rng_seed(&r, 1);
    md_err err;
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "4 values, Z needs 6"));
    value_clear(&v);
    make(&v, "Z", VT_DOUBLE, 2, 2);
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), 0);
    assert_true(isnan(((double *)v.data)[3]));
    value_clear(&v);
    gen_free(g);
}

static void modifiers_should_apply_in_order(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"range\", \"start\": 1, \"scale\": 2, \"shift\": 1, "
                        "\"set\": [{\"at\": 2, \"count\": 2, \"value\": \"inf\"}]}");
    value v;
    make(&v, "v", VT_DOUBLE, 5, 1);
    rng r;
    rng_seed(&r, 1);
    md_err err;
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), 0);
    const double *d = v.data;
    assert_true(d[0] == 3 && d[1] == 5 && isinf(d[2]) && isinf(d[3]) && d[4] == 11);
    value_clear(&v);
    gen_free(g);
}

static void labels_should_cover_every_class(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"labels\", \"classes\": 4, \"imbalance\": 0.9}");
    value v;
    make(&v, "y", VT_INT, 200, 1);
    rng r;
    rng_seed(&r, 3);
    md_err err;
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), 0);
    int count[4] = {0};
    for (int i = 0; i < 200; i++) {
        int l = ((int *)v.data)[i];
        assert_true(l >= 0 && l < 4);
        count[l]++;
    }
    for (int c = 0; c < 4; c++)
        assert_true(count[c] > 0);
    assert_true(count[0] > 150);
    value_clear(&v);
    gen_free(g);
}

static void words_should_draw_from_the_vocabulary(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"words\", \"vocab\": 5}");
    value v;
    make(&v, "s", VT_STRING, 50, 1);
    rng r;
    rng_seed(&r, 3);
    md_err err;
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), 0);
    char **s = v.data;
    int distinct = 0;
    for (int i = 0; i < 50; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= strcmp(s[i], s[j]) == 0;
        distinct += !seen;
    }
    assert_int_equal(distinct, 5);
    value_clear(&v);
    gen_free(g);
}

static void targets_should_ignore_missing_features(void **state)
{
    (void)state;
    /* column 0 entirely missing: the labels come from columns 1 and 2 */
    gen_spec *gx = parse("{\"gen\": \"normal\", \"set\": [{\"at\": 0, \"count\": 200, "
                         "\"stride\": 3, \"value\": \"nan\"}], \"nan_fraction\": 0.1}");
    gen_spec *gy = parse("{\"gen\": \"logistic\", \"from\": \"X\", \"separable\": true}");
    gen_spec *gt = parse("{\"gen\": \"linear\", \"from\": \"X\"}");
    value x, y, t;
    make(&x, "X", VT_DOUBLE, 200, 3);
    make(&y, "y", VT_INT, 200, 1);
    make(&t, "t", VT_DOUBLE, 200, 1);
    rng r;
    rng_seed(&r, 7);
    md_err err;
    assert_int_equal(gen_fill(gx, &x, &r, NULL, find_none, NULL, &err), 0);
    assert_int_equal(gen_fill(gy, &y, &r, NULL, find_none, &x, &err), 0);
    assert_int_equal(gen_fill(gt, &t, &r, NULL, find_none, &x, &err), 0);
    int ones = 0;
    for (int i = 0; i < 200; i++) {
        ones += ((int *)y.data)[i];
        assert_true(isfinite(((double *)t.data)[i]));
    }
    assert_true(ones > 20 && ones < 180);
    value_clear(&x);
    value_clear(&y);
    value_clear(&t);
    gen_free(gx);
    gen_free(gy);
    gen_free(gt);
}

static void weights_seed_should_share_one_model(void **state)
{
    (void)state;
    /* training and test labels drawn by two generators with one weights_seed
     * follow the same w: on the same X, separable labels agree exactly */
    gen_spec *gx = parse("{\"gen\": \"normal\"}");
    gen_spec *ga = parse("{\"gen\": \"logistic\", \"from\": \"X\", \"separable\": true, "
                         "\"weights_seed\": 5}");
    gen_spec *gb = parse("{\"gen\": \"logistic\", \"from\": \"X\", \"separable\": true}");
    value x, a, b, c;
    make(&x, "X", VT_DOUBLE, 100, 3);
    make(&a, "a", VT_INT, 100, 1);
    make(&b, "b", VT_INT, 100, 1);
    make(&c, "c", VT_INT, 100, 1);
    rng r1, r2, r3;
    rng_seed(&r1, 1);
    md_err err;
    assert_int_equal(gen_fill(gx, &x, &r1, NULL, find_none, NULL, &err), 0);
    rng_seed(&r2, 2);
    rng_seed(&r3, 3);
    assert_int_equal(gen_fill(ga, &a, &r2, NULL, find_none, &x, &err), 0);
    assert_int_equal(gen_fill(ga, &b, &r3, NULL, find_none, &x, &err), 0);
    assert_memory_equal(a.data, b.data, sizeof(int) * 100);
    /* without it, each generator draws its own w */
    rng_seed(&r2, 2);
    rng_seed(&r3, 3);
    assert_int_equal(gen_fill(gb, &b, &r2, NULL, find_none, &x, &err), 0);
    assert_int_equal(gen_fill(gb, &c, &r3, NULL, find_none, &x, &err), 0);
    assert_true(memcmp(b.data, c.data, sizeof(int) * 100) != 0);
    value_clear(&x);
    value_clear(&a);
    value_clear(&b);
    value_clear(&c);
    gen_free(gx);
    gen_free(ga);
    gen_free(gb);
}

static void permutation_should_give_one_per_row(void **state)
{
    (void)state;
    gen_spec *g = parse("{\"gen\": \"permutation\"}");
    value v, again;
    make(&v, "order", VT_INT, 6, 50);
    make(&again, "order", VT_INT, 6, 50);
    rng r, r2;
    rng_seed(&r, 9);
    rng_seed(&r2, 9);
    md_err err;
    assert_int_equal(gen_fill(g, &v, &r, NULL, find_none, NULL, &err), 0);
    assert_int_equal(gen_fill(g, &again, &r2, NULL, find_none, NULL, &err), 0);
    assert_memory_equal(v.data, again.data, sizeof(int) * 300);    /* seeded */
    const int *p = v.data;
    for (int i = 0; i < 6; i++) {
        int seen[50] = {0}, moved = 0;
        for (int j = 0; j < 50; j++) {
            assert_true(p[i * 50 + j] >= 0 && p[i * 50 + j] < 50);
            seen[p[i * 50 + j]]++;
            moved += p[i * 50 + j] != j;
        }
        for (int j = 0; j < 50; j++)
            assert_int_equal(seen[j], 1);    /* each index once per row */
        assert_true(moved > 0);              /* shuffled */
        if (i > 0)    /* rows drawn afresh, not one permutation repeated */
            assert_true(memcmp(p + i * 50, p + (i - 1) * 50, sizeof(int) * 50) != 0);
    }
    value_clear(&v);
    value_clear(&again);
    gen_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_should_give_same_data),
        cmocka_unit_test(blobs_should_label_rows),
        cmocka_unit_test(literal_count_mismatch_should_explain),
        cmocka_unit_test(modifiers_should_apply_in_order),
        cmocka_unit_test(labels_should_cover_every_class),
        cmocka_unit_test(words_should_draw_from_the_vocabulary),
        cmocka_unit_test(targets_should_ignore_missing_features),
        cmocka_unit_test(weights_seed_should_share_one_model),
        cmocka_unit_test(permutation_should_give_one_per_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
