/* compare — see compare.h. */
#include "grade/compare.h"

#include "run/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const value *cmp_env_get(const cmp_env *e, const char *name)
{
    for (int i = 0; i < e->nvals; i++)
        if (strcmp(e->vals[i].name, name) == 0)
            return &e->vals[i];
    return e->ci ? case_value(e->ci, name) : NULL;
}

bool compare_grad_loss(const check *ck, const cmp_env *got, double *out)
{
    /* the loss is something the run computed, never an input */
    const value *l = NULL;
    for (int i = 0; i < got->nvals; i++)
        if (strcmp(got->vals[i].name, ck->loss) == 0)
            l = &got->vals[i];
    if (!l || !l->present)
        return false;
    if (!ck->weights) {
        *out = l->array ? value_get(l, 0) : l->num;
        return true;
    }
    /* sum(w .* loss): d/dx of it is the vector-Jacobian product a backward
     * pass computes when w is the upstream gradient */
    const value *w = cmp_env_get(got, ck->weights);
    if (!w || !w->array || w->type != VT_DOUBLE || !l->array || w->count != l->count)
        return false;
    double s = 0.0;
    for (long long i = 0; i < l->count; i++)
        s += ((const double *)w->data)[i] * value_get(l, i);
    *out = s;
    return true;
}

int cmp_env_lookup(void *ctx, const char *name, double *out)
{
    const cmp_env *e = ctx;
    const value *v = cmp_env_get(e, name);
    if (!v || (v->role == ROLE_RESULT && !v->present))
        return -1;
    if (v->array) {
        /* one-element outputs such as `int *n_iter` read as numbers */
        if (v->count != 1 || !v->data || v->type == VT_STRING)
            return -1;
        *out = value_get(v, 0);
        return 0;
    }
    *out = v->num;
    return 0;
}

const char *cmp_num(double v, char *buf, size_t n)
{
    if (isnan(v))
        snprintf(buf, n, "NaN");
    else if (isinf(v))
        snprintf(buf, n, v > 0 ? "inf" : "-inf");
    else
        snprintf(buf, n, "%.6g", v);
    return buf;
}

/* Formats two numbers with just enough digits to show that they differ
 * ("-1.224744871 vs -1.224744872" rather than "-1.22474 vs -1.22474"). */
static void cmp_two(double a, double b, char *ba, char *bb, size_t n)
{
    for (int digits = 6; digits <= 17; digits++) {
        if (!isfinite(a) || !isfinite(b)) {
            cmp_num(a, ba, n);
            cmp_num(b, bb, n);
            return;
        }
        snprintf(ba, n, "%.*g", digits, a);
        snprintf(bb, n, "%.*g", digits, b);
        if (strcmp(ba, bb) != 0)
            return;
    }
}

/* Whether element i of an output still holds the value it was given before
 * the call (see PLAN_POISON_*): the solution never wrote it. */
static bool unwritten(const value *v, long long i)
{
    if (!v->array || !v->data || i < 0 || i >= v->count)
        return false;
    if (v->type == VT_INT)
        return ((const int *)v->data)[i] == PLAN_POISON_INT;
    if (v->type == VT_DOUBLE) {
        uint64_t bits;
        memcpy(&bits, (const double *)v->data + i, 8);
        return bits == PLAN_POISON_DOUBLE_BITS;
    }
    return false;
}

static void failf(cmp_outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void failf(cmp_outcome *o, const char *fmt, ...)
{
    o->ok = false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->message, sizeof o->message, fmt, ap);
    va_end(ap);
}

/* How many elements of v a check looks at. */
static long long count_of(const check *ck, const cmp_env *e, const value *v,
                          char *why, size_t n)
{
    if (!ck->count)
        return v->count;
    long long c;
    md_err err;
    if (expr_eval_int(ck->count, cmp_env_lookup, (void *)e, 0, v->count, &c, &err) != 0) {
        snprintf(why, n, "%.400s", err.msg);
        return -1;
    }
    return c;
}

/* loose: matching a mistake variant, where any non-finite value matches
 * any other */
static bool close_enough(double g, double x, double rtol, double atol, bool loose)
{
    if (loose && !isfinite(x))
        return !isfinite(g);
    if (isnan(x))
        return isnan(g);
    if (isinf(x))
        return g == x;
    if (!isfinite(g))
        return false;
    return fabs(g - x) <= atol + rtol * fabs(x);
}

static void cmp_allclose(const check *ck, const value *g, const value *x,
                         const cmp_env *got, const cmp_env *exp, bool loose, cmp_outcome *o)
{
    char why[600], a[64], b[64], idx[128];
    if (!g->array) {
        if (!close_enough(g->num, x->num, ck->rtol, ck->atol, loose)) {
            o->nonfinite = !isfinite(g->num) && isfinite(x->num);
            o->nbad = 1;
            cmp_two(g->num, x->num, a, b, sizeof a);
            failf(o, "%s is %s, expected %s", g->name, a, b);
        }
        return;
    }
    long long cg = count_of(ck, got, g, why, sizeof why);
    long long cx = count_of(ck, exp, x, why, sizeof why);
    if (cg < 0 || cx < 0) {
        failf(o, "%s: cannot tell how many values to compare: %s", g->name, why);
        return;
    }
    long long n = cg < cx ? cg : cx;
    /* matching a mistake variant: where its NaNs land can depend on
     * rounding, so when both sides have some, positions do not matter */
    bool skip_nonfinite = false;
    if (loose) {
        bool gn = false, xn = false;
        for (long long i = 0; i < n; i++) {
            gn |= !isfinite(value_get(g, i));
            xn |= !isfinite(value_get(x, i));
        }
        skip_nonfinite = gn && xn;
    }
    for (long long i = 0; i < n; i++) {
        double gv = value_get(g, i), xv = value_get(x, i);
        if (skip_nonfinite && (!isfinite(gv) || !isfinite(xv)))
            continue;
        if (close_enough(gv, xv, ck->rtol, ck->atol, loose))
            continue;
        if (o->nbad++ == 0) {
            o->index = i;
            cmp_two(gv, xv, a, b, sizeof a);
            if (unwritten(g, i)) {
                failf(o, "%s was never written (expected %s)",
                      value_index_text(g, i, idx, sizeof idx), b);
            } else {
                o->nonfinite = !isfinite(gv) && isfinite(xv);
                failf(o, "%s is %s, expected %s", value_index_text(g, i, idx, sizeof idx), a, b);
            }
        }
        if (!isfinite(gv) && isfinite(xv) && !unwritten(g, i))
            o->nonfinite = true;
    }
    if (o->nbad > 1) {
        size_t len = strlen(o->message);
        snprintf(o->message + len, sizeof o->message - len, " (%lld of %lld values differ)",
                 o->nbad, n);
    }
    if (cg != cx && o->ok)
        failf(o, "%s has %lld values, expected %lld", g->name, cg, cx);
    else if (cg != cx) {
        size_t len = strlen(o->message);
        snprintf(o->message + len, sizeof o->message - len, "; %lld values written, expected %lld",
                 cg, cx);
    }
}

static void cmp_equal(const check *ck, const value *g, const value *x,
                      const cmp_env *got, const cmp_env *exp, bool loose, cmp_outcome *o)
{
    if (g->type == VT_HANDLE) {
        if (g->num != x->num)
            failf(o, "%s: returned %s, expected %s", g->name,
                  g->num ? "a model" : "NULL",
                  x->num ? "a model" : "NULL (the arguments are invalid)");
        return;
    }
    if (g->type == VT_STRING && g->array) {
        char idx[128];
        const char *const *gs = g->data, *const *xs = x->data;
        for (long long i = 0; i < g->count && i < x->count; i++) {
            const char *a = gs ? gs[i] : NULL, *b = xs ? xs[i] : NULL;
            if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
                if (o->nbad++ == 0) {
                    o->index = i;
                    failf(o, "%s is %s%s%s, expected %s%s%s",
                          value_index_text(g, i, idx, sizeof idx), a ? "\"" : "",
                          a ? a : "NULL", a ? "\"" : "", b ? "\"" : "", b ? b : "NULL",
                          b ? "\"" : "");
                }
            }
        }
        return;
    }
    check exact = *ck;
    exact.rtol = 0;
    exact.atol = g->type == VT_INT || !g->array ? 0 : ck->atol;
    cmp_allclose(&exact, g, x, got, exp, loose, o);
}

static double sqdist(const double *a, const double *b, long long d)
{
    double s = 0;
    for (long long j = 0; j < d; j++)
        s += (a[j] - b[j]) * (a[j] - b[j]);
    return s;
}

/* Cluster labels: each label must be the expected one, or a centroid
 * just as near (within tolerance) as the expected one, measured with the
 * expected centroids; so an assignment that differs only on a near-tie,
 * as |x|^2 + |c|^2 - 2 x.c rounding can make it, is not wrong. */
static void cmp_nearest(const check *ck, const value *g, const value *x,
                        const cmp_env *exp, cmp_outcome *o)
{
    const value *X = cmp_env_get(exp, ck->points), *C = cmp_env_get(exp, ck->centroids);
    if (!X || !C || !X->data || !C->data || X->type != VT_DOUBLE || C->type != VT_DOUBLE) {
        failf(o, "%s: the points or centroids are missing", g->name);
        return;
    }
    long long n = value_rows(X), d = value_cols(X), k = value_rows(C);
    if (g->count < n || x->count < n || value_cols(C) != d) {
        failf(o, "%s: shapes do not match the points and centroids", g->name);
        return;
    }
    char idx[128];
    for (long long i = 0; i < n; i++) {
        double l = value_get(g, i), want = value_get(x, i);
        if (l == want)
            continue;
        const double *xi = (const double *)X->data + i * d;
        if (!(l >= 0 && l < (double)k && l == floor(l))) {
            if (o->nbad++ == 0) {
                o->index = i;
                failf(o, "%s is %g, not a cluster index in 0..%lld",
                      value_index_text(g, i, idx, sizeof idx), l, k - 1);
            }
            continue;
        }
        double dl = sqdist(xi, (const double *)C->data + (long long)l * d, d);
        double dw = sqdist(xi, (const double *)C->data + (long long)want * d, d);
        if (fabs(dl - dw) <= ck->atol + ck->rtol * fmax(dl, dw))
            continue;
        if (o->nbad++ == 0) {
            o->index = i;
            failf(o, "%s is %lld, expected %lld (squared distance %.6g vs %.6g: not a tie)",
                  value_index_text(g, i, idx, sizeof idx), (long long)l, (long long)want,
                  dl, dw);
        }
    }
    if (o->nbad > 1) {
        size_t len = strlen(o->message);
        snprintf(o->message + len, sizeof o->message - len, " (%lld of %lld labels)",
                 o->nbad, n);
    }
}

static void cmp_permutation(const value *g, const value *x, cmp_outcome *o)
{
    long long n = g->count < x->count ? g->count : x->count;
    /* map each of the solution's labels to the reference's, both ways */
    long long maxl = 0;
    for (long long i = 0; i < n; i++) {
        maxl = fmax(maxl, value_get(g, i));
        maxl = fmax(maxl, value_get(x, i));
    }
    if (maxl > 1000000) {
        failf(o, "%s: labels out of range", g->name);
        return;
    }
    long long *fwd = xmalloc(sizeof(long long) * (size_t)(maxl + 1));
    long long *back = xmalloc(sizeof(long long) * (size_t)(maxl + 1));
    for (long long i = 0; i <= maxl; i++)
        fwd[i] = back[i] = -1;
    char idx[128];
    for (long long i = 0; i < n; i++) {
        long long a = (long long)value_get(g, i), b = (long long)value_get(x, i);
        if (a < 0 || b < 0) {
            failf(o, "%s is negative", value_index_text(g, i, idx, sizeof idx));
            break;
        }
        if ((fwd[a] >= 0 && fwd[a] != b) || (back[b] >= 0 && back[b] != a)) {
            o->index = i;
            o->nbad = 1;
            failf(o, "%s puts a point in group %lld together with points the reference "
                     "separates", value_index_text(g, i, idx, sizeof idx), a);
            break;
        }
        fwd[a] = b;
        back[b] = a;
    }
    free(fwd);
    free(back);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void cmp_set(const check *ck, const value *g, const value *x,
                    const cmp_env *got, const cmp_env *exp, cmp_outcome *o)
{
    char why[600];
    long long cg = count_of(ck, got, g, why, sizeof why);
    long long cx = count_of(ck, exp, x, why, sizeof why);
    if (cg != cx) {
        failf(o, "%s has %lld elements, expected %lld", g->name, cg, cx);
        return;
    }
    double *a = xmalloc(sizeof(double) * (size_t)(cg + 1));
    double *b = xmalloc(sizeof(double) * (size_t)(cx + 1));
    for (long long i = 0; i < cg; i++) {
        a[i] = value_get(g, i);
        b[i] = value_get(x, i);
    }
    qsort(a, (size_t)cg, sizeof(double), cmp_double);
    qsort(b, (size_t)cx, sizeof(double), cmp_double);
    char s1[64], s2[64];
    for (long long i = 0; i < cg; i++)
        if (!close_enough(a[i], b[i], ck->rtol, ck->atol, false)) {
            o->nbad++;
            failf(o, "%s holds %s where the expected set has %s (order does not matter)",
                  g->name, cmp_num(a[i], s1, sizeof s1), cmp_num(b[i], s2, sizeof s2));
            break;
        }
    free(a);
    free(b);
}

static void cmp_finite(const check *ck, const value *g, const cmp_env *got, cmp_outcome *o)
{
    char idx[128], a[64], why[600];
    long long n = g->array ? count_of(ck, got, g, why, sizeof why) : 1;
    if (n < 0) {
        failf(o, "%s: cannot tell how many values to check: %s", g->name, why);
        return;
    }
    for (long long i = 0; i < n; i++) {
        double v = value_get(g, i);
        if (isfinite(v))
            continue;
        if (o->nbad++ == 0) {
            o->index = i;
            o->nonfinite = true;
            failf(o, "%s is %s", value_index_text(g, i, idx, sizeof idx),
                  cmp_num(v, a, sizeof a));
        }
    }
}

static void cmp_partition(const check *ck, const value *g, const cmp_env *got,
                          const cmp_env *exp, cmp_outcome *o)
{
    const value *other = cmp_env_get(got, ck->other);
    const value *labels = cmp_env_get(got, ck->labels);
    const value *xother = cmp_env_get(exp, ck->other);
    if (!other || !labels || !xother) {
        failf(o, "%s: the other index set or the labels are missing", g->name);
        return;
    }
    long long n = labels->count, ng = g->count, no = other->count;
    if (ng + no != n) {
        failf(o, "%s and %s hold %lld indices together, expected %lld", g->name,
              other->name, ng + no, n);
        return;
    }
    /* the labels index the class counts: refuse anything else */
    long long maxc = 0;
    for (long long i = 0; i < n; i++) {
        double l = value_get(labels, i);
        if (!(l >= 0 && l <= 1e6 && l == floor(l))) {
            failf(o, "%s[%lld] is %g, not a class index", labels->name, i, l);
            return;
        }
        maxc = fmax(maxc, l);
    }
    char *seen = xcalloc((size_t)n + 1, 1);
    long long *cnt = xcalloc((size_t)maxc + 2, sizeof(long long));
    long long *want = xcalloc((size_t)maxc + 2, sizeof(long long));
    for (long long i = 0; i < ng + no && o->ok; i++) {
        const value *v = i < ng ? g : other;
        double d = value_get(v, i < ng ? i : i - ng);
        if (!(d >= 0 && d < n && d == floor(d))) {
            failf(o, "%s holds %g, not an index in 0..%lld", v->name, d, n - 1);
            break;
        }
        if (seen[(long long)d]++) {
            failf(o, "index %lld appears twice (in %s)", (long long)d, v->name);
            break;
        }
        if (i >= ng)
            cnt[(long long)value_get(labels, (long long)d)]++;
    }
    for (long long i = 0; i < xother->count && o->ok; i++) {
        double d = value_get(xother, i);
        if (d >= 0 && d < n)
            want[(long long)value_get(labels, (long long)d)]++;
    }
    for (long long c = 0; c <= maxc && o->ok; c++)
        if (llabs(cnt[c] - want[c]) > 1 + (long long)ck->atol)
            failf(o, "%s holds %lld samples of class %lld, expected about %lld "
                     "(class shares must be kept)",
                  other->name, cnt[c], c, want[c]);
    free(seen);
    free(cnt);
    free(want);
}

static void compare(const check *ck, const cmp_env *got, const cmp_env *exp, bool loose,
                    cmp_outcome *o);

void compare_like(const check *ck, const cmp_env *got, const cmp_env *other,
                  cmp_outcome *o)
{
    if (ck->kind == CMP_FINITE) {
        /* same values where the other is finite, non-finite where it is not */
        check like = *ck;
        like.kind = CMP_ALLCLOSE;
        compare(&like, got, other, true, o);
        return;
    }
    compare(ck, got, other, true, o);
}

void compare_check(const check *ck, const cmp_env *got, const cmp_env *exp,
                   cmp_outcome *o)
{
    compare(ck, got, exp, false, o);
}

static void compare(const check *ck, const cmp_env *got, const cmp_env *exp, bool loose,
                    cmp_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->ok = true;
    o->index = -1;
    const value *g = cmp_env_get(got, ck->output);
    const value *x = cmp_env_get(exp, ck->output);
    if (!g || !x) {
        failf(o, "%s: nothing to compare (internal: unknown output)", ck->output);
        return;
    }
    if ((g->role == ROLE_RESULT || g->role == ROLE_OUTPUT || g->role == ROLE_INOUT) &&
        !g->present) {
        failf(o, "%s was not computed (the call did not finish)", g->name);
        return;
    }
    if (x->role == ROLE_RESULT && !x->present && ck->kind != CMP_FINITE) {
        failf(o, "%s: the reference did not compute it", g->name);
        return;
    }
    switch (ck->kind) {
    case CMP_ALLCLOSE: cmp_allclose(ck, g, x, got, exp, loose, o); break;
    case CMP_EQUAL: cmp_equal(ck, g, x, got, exp, loose, o); break;
    case CMP_NEAREST: cmp_nearest(ck, g, x, exp, o); break;
    case CMP_PERMUTATION: cmp_permutation(g, x, o); break;
    case CMP_SET: cmp_set(ck, g, x, got, exp, o); break;
    case CMP_AT_LEAST: {
        char a[64], b[64];
        double gv = g->array ? value_get(g, 0) : g->num;
        double xv = x->array ? value_get(x, 0) : x->num;
        if (!(gv >= xv - ck->atol - ck->rtol * fabs(xv)))
            failf(o, "%s is %s, expected at least %s", g->name, cmp_num(gv, a, sizeof a),
                  cmp_num(xv - ck->atol - ck->rtol * fabs(xv), b, sizeof b));
        break;
    }
    case CMP_FINITE: cmp_finite(ck, g, got, o); break;
    case CMP_PARTITION: cmp_partition(ck, g, got, exp, o); break;
    case CMP_GRADCHECK:
        /* checked by the grader with extra runs (grade.c) */
        break;
    default: failf(o, "unknown comparator"); break;
    }
}
