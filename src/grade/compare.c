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

bool cmp_unwritten(const value *v, long long i)
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
    if (v->type == VT_STRING)
        return value_unwritten_str(((char *const *)v->data)[i]);
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

/* One comparison: the check, the solution's value g and the expected x,
 * the environments they came from; loose when matching a mistake variant
 * (compare_like). */
typedef struct cmp_args {
    const check *ck;
    const value *g, *x;
    const cmp_env *got, *exp;
    bool loose;
} cmp_args;

/* Appends to the outcome's message (after the first difference). */
static void appendf(cmp_outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void appendf(cmp_outcome *o, const char *fmt, ...)
{
    size_t len = strlen(o->message);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->message + len, sizeof o->message - len, fmt, ap);
    va_end(ap);
}

/* allclose of two scalars */
static void allclose_scalar(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g, *x = a->x;
    char sg[64], sx[64];
    if (close_enough(g->num, x->num, a->ck->rtol, a->ck->atol, a->loose))
        return;
    o->nonfinite = !isfinite(g->num) && isfinite(x->num);
    o->nbad = 1;
    cmp_two(g->num, x->num, sg, sx, sizeof sg);
    failf(o, "%s is %s, expected %s", g->name, sg, sx);
}

/* Whether both of the first n elements of g and x hold a non-finite
 * value somewhere. */
static bool both_nonfinite(const value *g, const value *x, long long n)
{
    bool gn = false, xn = false;
    for (long long i = 0; i < n; i++) {
        gn |= !isfinite(value_get(g, i));
        xn |= !isfinite(value_get(x, i));
    }
    return gn && xn;
}

/* Element i differs: the first difference is described, and a non-finite
 * value where a number was expected noted. */
static void allclose_mismatch(const value *g, long long i, double gv, double xv,
                              cmp_outcome *o)
{
    char sg[64], sx[64], idx[128];
    if (o->nbad++ == 0) {
        o->index = i;
        cmp_two(gv, xv, sg, sx, sizeof sg);
        if (cmp_unwritten(g, i)) {
            failf(o, "%s was never written (expected %s)",
                  value_index_text(g, i, idx, sizeof idx), sx);
        } else {
            o->nonfinite = !isfinite(gv) && isfinite(xv);
            failf(o, "%s is %s, expected %s", value_index_text(g, i, idx, sizeof idx), sg, sx);
        }
    }
    if (!isfinite(gv) && isfinite(xv) && !cmp_unwritten(g, i))
        o->nonfinite = true;
}

static void cmp_allclose(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g, *x = a->x;
    if (!g->array) {
        allclose_scalar(a, o);
        return;
    }
    char why[600];
    long long cg = count_of(a->ck, a->got, g, why, sizeof why);
    long long cx = count_of(a->ck, a->exp, x, why, sizeof why);
    if (cg < 0 || cx < 0) {
        failf(o, "%s: cannot tell how many values to compare: %s", g->name, why);
        return;
    }
    long long n = cg < cx ? cg : cx;
    /* matching a mistake variant: where its NaNs land can depend on
     * rounding, so when both sides have some, positions do not matter */
    bool skip_nonfinite = a->loose && both_nonfinite(g, x, n);
    for (long long i = 0; i < n; i++) {
        double gv = value_get(g, i), xv = value_get(x, i);
        if (skip_nonfinite && (!isfinite(gv) || !isfinite(xv)))
            continue;
        if (!close_enough(gv, xv, a->ck->rtol, a->ck->atol, a->loose))
            allclose_mismatch(g, i, gv, xv, o);
    }
    if (o->nbad > 1)
        appendf(o, " (%lld of %lld values differ)", o->nbad, n);
    if (cg != cx && o->ok)
        failf(o, "%s has %lld values, expected %lld", g->name, cg, cx);
    else if (cg != cx)
        appendf(o, "; %lld values written, expected %lld", cg, cx);
}

/* Whether two elements of string arrays are the same: both NULL, both
 * never written, or equal strings. */
static bool same_string(const char *a, const char *b)
{
    if (!a || !b || value_unwritten_str(a) || value_unwritten_str(b))
        return a == b;
    return strcmp(a, b) == 0;
}

/* Arrays of strings: the same strings (or NULLs) in the same places; an
 * element never written is said so. */
static void equal_strings(const value *g, const value *x, cmp_outcome *o)
{
    char idx[128];
    const char *const *gs = g->data, *const *xs = x->data;
    for (long long i = 0; i < g->count && i < x->count; i++) {
        const char *a = gs ? gs[i] : NULL, *b = xs ? xs[i] : NULL;
        if (same_string(a, b))
            continue;
        if (o->nbad++ == 0) {
            bool qb = b && !value_unwritten_str(b);
            o->index = i;
            if (value_unwritten_str(a))
                failf(o, "%s was never written (expected %s%s%s)",
                      value_index_text(g, i, idx, sizeof idx), qb ? "\"" : "",
                      b ? b : "NULL", qb ? "\"" : "");
            else
                failf(o, "%s is %s%s%s, expected %s%s%s",
                      value_index_text(g, i, idx, sizeof idx), a ? "\"" : "", a ? a : "NULL",
                      a ? "\"" : "", qb ? "\"" : "", b ? b : "NULL", qb ? "\"" : "");
        }
    }
}

static void cmp_equal(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g, *x = a->x;
    if (g->type == VT_HANDLE) {
        if (g->num != x->num)
            failf(o, "%s: returned %s, expected %s", g->name,
                  g->num ? "a model" : "NULL",
                  x->num ? "a model" : "NULL (the arguments are invalid)");
        return;
    }
    if (g->type == VT_STRING && g->array) {
        equal_strings(g, x, o);
        return;
    }
    check exact = *a->ck;
    exact.rtol = 0;
    exact.atol = g->type == VT_INT || !g->array ? 0 : a->ck->atol;
    cmp_args ea = *a;
    ea.ck = &exact;
    cmp_allclose(&ea, o);
}

static double sqdist(const double *a, const double *b, long long d)
{
    double s = 0;
    for (long long j = 0; j < d; j++)
        s += (a[j] - b[j]) * (a[j] - b[j]);
    return s;
}

/* Label i of g against the expected want: a cluster index whose centroid
 * is as near to point i as the expected one's (within tolerance). */
static void nearest_label(const check *ck, const value *g, const value *X, const value *C,
                          long long i, double l, double want, cmp_outcome *o)
{
    char idx[128];
    long long d = value_cols(X), k = value_rows(C);
    const double *xi = (const double *)X->data + i * d;
    if (!(l >= 0 && l < (double)k && l == floor(l))) {
        if (o->nbad++ == 0) {
            o->index = i;
            failf(o, "%s is %g, not a cluster index in 0..%lld",
                  value_index_text(g, i, idx, sizeof idx), l, k - 1);
        }
        return;
    }
    double dl = sqdist(xi, (const double *)C->data + (long long)l * d, d);
    double dw = sqdist(xi, (const double *)C->data + (long long)want * d, d);
    if (fabs(dl - dw) <= ck->atol + ck->rtol * fmax(dl, dw))
        return;
    if (o->nbad++ == 0) {
        o->index = i;
        failf(o, "%s is %lld, expected %lld (squared distance %.6g vs %.6g: not a tie)",
              value_index_text(g, i, idx, sizeof idx), (long long)l, (long long)want, dl, dw);
    }
}

/* Cluster labels: each label must be the expected one, or a centroid
 * just as near (within tolerance) as the expected one, measured with the
 * expected centroids; so an assignment that differs only on a near-tie,
 * as |x|^2 + |c|^2 - 2 x.c rounding can make it, is not wrong. */
static void cmp_nearest(const cmp_args *a, cmp_outcome *o)
{
    const check *ck = a->ck;
    const value *g = a->g, *x = a->x;
    const value *X = cmp_env_get(a->exp, ck->points), *C = cmp_env_get(a->exp, ck->centroids);
    if (!X || !C || !X->data || !C->data || X->type != VT_DOUBLE || C->type != VT_DOUBLE) {
        failf(o, "%s: the points or centroids are missing", g->name);
        return;
    }
    long long n = value_rows(X);
    if (g->count < n || x->count < n || value_cols(C) != value_cols(X)) {
        failf(o, "%s: shapes do not match the points and centroids", g->name);
        return;
    }
    for (long long i = 0; i < n; i++) {
        double l = value_get(g, i), want = value_get(x, i);
        if (l != want)
            nearest_label(ck, g, X, C, i, l, want, o);
    }
    if (o->nbad > 1)
        appendf(o, " (%lld of %lld labels)", o->nbad, n);
}

static void cmp_permutation(const cmp_args *args, cmp_outcome *o)
{
    const value *g = args->g, *x = args->x;
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

static void cmp_set(const cmp_args *args, cmp_outcome *o)
{
    const check *ck = args->ck;
    const value *g = args->g, *x = args->x;
    char why[600];
    long long cg = count_of(ck, args->got, g, why, sizeof why);
    long long cx = count_of(ck, args->exp, x, why, sizeof why);
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

/* A metric at least the reference's, less the tolerance. */
static void cmp_at_least(const cmp_args *a, cmp_outcome *o)
{
    const check *ck = a->ck;
    const value *g = a->g, *x = a->x;
    char sg[64], sx[64];
    double gv = g->array ? value_get(g, 0) : g->num;
    double xv = x->array ? value_get(x, 0) : x->num;
    if (!(gv >= xv - ck->atol - ck->rtol * fabs(xv)))
        failf(o, "%s is %s, expected at least %s", g->name, cmp_num(gv, sg, sizeof sg),
              cmp_num(xv - ck->atol - ck->rtol * fabs(xv), sx, sizeof sx));
}

static void cmp_finite(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g;
    char idx[128], s[64], why[600];
    long long n = g->array ? count_of(a->ck, a->got, g, why, sizeof why) : 1;
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
            failf(o, "%s is %s", value_index_text(g, i, idx, sizeof idx), cmp_num(v, s, sizeof s));
        }
    }
}

/* The largest class index among n labels, or -1 (o failed) when one is
 * not a class index: the labels index the class counts. */
static long long max_class(const value *labels, long long n, cmp_outcome *o)
{
    long long maxc = 0;
    for (long long i = 0; i < n; i++) {
        double l = value_get(labels, i);
        if (!(l >= 0 && l <= 1e6 && l == floor(l))) {
            failf(o, "%s[%lld] is %g, not a class index", labels->name, i, l);
            return -1;
        }
        maxc = fmax(maxc, l);
    }
    return maxc;
}

/* Every index of 0..n-1 once over g then other; counts other's classes
 * into cnt. */
static void partition_indices(const value *g, const value *other, const value *labels,
                              long long *cnt, cmp_outcome *o)
{
    long long n = labels->count, ng = g->count, no = other->count;
    char *seen = xcalloc((size_t)n + 1, 1);
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
    free(seen);
}

static void cmp_partition(const cmp_args *a, cmp_outcome *o)
{
    const check *ck = a->ck;
    const value *g = a->g;
    const value *other = cmp_env_get(a->got, ck->other);
    const value *labels = cmp_env_get(a->got, ck->labels);
    const value *xother = cmp_env_get(a->exp, ck->other);
    if (!other || !labels || !xother) {
        failf(o, "%s: the other index set or the labels are missing", g->name);
        return;
    }
    long long n = labels->count;
    if (g->count + other->count != n) {
        failf(o, "%s and %s hold %lld indices together, expected %lld", g->name,
              other->name, g->count + other->count, n);
        return;
    }
    long long maxc = max_class(labels, n, o);
    if (maxc < 0)
        return;
    long long *cnt = xcalloc((size_t)maxc + 2, sizeof(long long));
    long long *want = xcalloc((size_t)maxc + 2, sizeof(long long));
    partition_indices(g, other, labels, cnt, o);
    for (long long i = 0; i < xother->count && o->ok; i++) {
        double d = value_get(xother, i);
        if (d >= 0 && d < n)
            want[(long long)value_get(labels, (long long)d)]++;
    }
    for (long long c = 0; c <= maxc && o->ok; c++)
        if (llabs(cnt[c] - want[c]) > 1 + (long long)ck->atol) {
            failf(o, "%s holds %lld samples of class %lld, expected about %lld "
                     "(class shares must be kept)",
                  other->name, cnt[c], c, want[c]);
            o->counted = true;
            o->index = c;
            o->nbad = 1;
            o->actual = (double)cnt[c];
            o->expected = (double)want[c];
        }
    free(cnt);
    free(want);
}

/* Whether element i of v holds what it held before the calls: the poison
 * pattern of an output, the generated data (initial) of an inout. */
static bool still_initial(const value *v, const value *initial, long long i)
{
    if (v->role == ROLE_OUTPUT)
        return cmp_unwritten(v, i);
    if (!initial || !initial->data || i >= initial->count)
        return false;
    if (v->type == VT_STRING)
        return same_string(((char *const *)v->data)[i], ((char *const *)initial->data)[i]);
    return memcmp((const char *)v->data + i * (long long)vtype_size(v->type),
                  (const char *)initial->data + i * (long long)vtype_size(v->type),
                  vtype_size(v->type)) == 0;
}

bool cmp_written(const value *v, const value *initial)
{
    if (!v->array || v->count == 0)
        return true;
    if (!v->data)
        return false;
    for (long long i = 0; i < v->count; i++)
        if (!still_initial(v, initial, i))
            return true;
    return false;
}

/* A rejected call writes nothing: every element of the output still
 * holds what the case gave it (needs no reference). */
static void cmp_untouched(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g;
    char idx[128];
    if (!g->array || (g->role != ROLE_OUTPUT && g->role != ROLE_INOUT)) {
        failf(o, "%s: \"untouched\" applies to output arrays", g->name);
        return;
    }
    const value *initial = a->got->ci ? case_value(a->got->ci, g->name) : NULL;
    for (long long i = 0; i < g->count; i++) {
        if (g->data && still_initial(g, initial, i))
            continue;
        if (o->nbad++ == 0) {
            o->index = i;
            failf(o, "%s was written, but a rejected call must leave it untouched",
                  value_index_text(g, i, idx, sizeof idx));
        }
    }
    if (o->nbad > 1)
        appendf(o, " (%lld of %lld elements)", o->nbad, g->count);
}

/* A declared value instead of the reference's (a rejection's NULL or -1). */
static void cmp_value(const cmp_args *a, cmp_outcome *o)
{
    const value *g = a->g;
    char sg[64], sx[64];
    double gv = g->array ? (g->count > 0 ? value_get(g, 0) : NAN) : g->num;
    double want = a->ck->value;
    if (g->type == VT_HANDLE) {
        if ((gv != 0) != (want != 0))
            failf(o, "%s: returned %s, expected %s", g->name, gv ? "a model" : "NULL",
                  want ? "a model" : "NULL (the arguments are invalid)");
        return;
    }
    if (!close_enough(gv, want, a->ck->kind == CMP_EQUAL ? 0 : a->ck->rtol,
                      a->ck->kind == CMP_EQUAL ? 0 : a->ck->atol, false)) {
        o->nbad = 1;
        failf(o, "%s is %s, expected %s", g->name, cmp_num(gv, sg, sizeof sg),
              cmp_num(want, sx, sizeof sx));
    }
}

/* gradcheck: checked by the grader with extra runs (pipeline_gradcheck.c) */
static void cmp_gradcheck(const cmp_args *a, cmp_outcome *o)
{
    (void)a;
    (void)o;
}

/* The comparators, by kind. */
static void (*const comparators[CMP_KIND_COUNT])(const cmp_args *, cmp_outcome *) = {
    [CMP_ALLCLOSE] = cmp_allclose,
    [CMP_EQUAL] = cmp_equal,
    [CMP_NEAREST] = cmp_nearest,
    [CMP_PERMUTATION] = cmp_permutation,
    [CMP_SET] = cmp_set,
    [CMP_AT_LEAST] = cmp_at_least,
    [CMP_GRADCHECK] = cmp_gradcheck,
    [CMP_PARTITION] = cmp_partition,
    [CMP_FINITE] = cmp_finite,
    [CMP_UNTOUCHED] = cmp_untouched,
};

/* Whether a check compares with the reference's run at all. */
static bool needs_reference(const check *ck)
{
    return ck->kind != CMP_FINITE && ck->kind != CMP_UNTOUCHED && !ck->has_value;
}

/* Looks the output up on both sides, refuses what cannot be compared,
 * then runs the check's comparator. */
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
    if (x->role == ROLE_RESULT && !x->present && needs_reference(ck)) {
        failf(o, "%s: the reference did not compute it", g->name);
        return;
    }
    if ((unsigned)ck->kind >= CMP_KIND_COUNT || !comparators[ck->kind]) {
        failf(o, "unknown comparator");
        return;
    }
    cmp_args a = {ck, g, x, got, exp, loose};
    if (ck->has_value && !loose)
        cmp_value(&a, o);
    else
        comparators[ck->kind](&a, o);
}

void compare_like(const check *ck, const cmp_env *got, const cmp_env *other,
                  cmp_outcome *o)
{
    if (ck->kind == CMP_FINITE || ck->kind == CMP_UNTOUCHED) {
        /* same values where the other is finite, non-finite where it is
         * not; an output left alone holds the same poison as the other's */
        check like = *ck;
        like.kind = CMP_ALLCLOSE;
        if (ck->kind == CMP_UNTOUCHED)
            like.rtol = like.atol = 0;
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
