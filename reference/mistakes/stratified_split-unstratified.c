/* Mistake variant stratified_split/unstratified.
 *
 * A plain random split: the n_test samples with the smallest keys overall go
 * to test, whatever their class, so each class's test count is only right
 * on average.  (The per-class counts are still computed, and unused.)
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <stdint.h>
#include <stdlib.h>

typedef struct keyed {
    double u;
    int i;
} keyed;

static int before(const keyed *a, const keyed *b)
{
    return a->u < b->u || (a->u == b->u && a->i < b->i);
}

static void swap(keyed *a, keyed *b)
{
    keyed t = *a;
    *a = *b;
    *b = t;
}

/* Reorders v[0..m) so that its t smallest elements come first (t < m).
 * Median-of-three pivots; the pivot choice is deterministic, and the
 * result (which elements are first) does not depend on it. */
static void select_smallest(keyed *v, int m, int t)
{
    int lo = 0, hi = m - 1;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (before(&v[mid], &v[lo]))
            swap(&v[mid], &v[lo]);
        if (before(&v[hi], &v[lo]))
            swap(&v[hi], &v[lo]);
        if (before(&v[hi], &v[mid]))
            swap(&v[hi], &v[mid]);
        const keyed p = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (before(&v[i], &p))
                i++;
            while (before(&p, &v[j]))
                j--;
            if (i <= j)
                swap(&v[i++], &v[j--]);
        }
        /* v[lo..j] <= p <= v[i..hi], and v[j+1..i-1] == p */
        if (t <= j)
            hi = j;
        else if (t >= i)
            lo = i;
        else
            return;
    }
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (!y || !u || n < 1 || k < 1 || n_test < 0 || n_test > n ||
        (!train && n_test < n) || (!test && n_test > 0))
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;

    int *start = calloc((size_t)k + 1, sizeof *start);    /* bucket offsets */
    int *take = malloc((size_t)k * sizeof *take);         /* t_c */
    int64_t *rem = malloc((size_t)k * sizeof *rem);       /* remainders */
    keyed *v = malloc((size_t)n * sizeof *v);
    keyed *order = malloc((size_t)k * sizeof *order);    /* classes by remainder */
    unsigned char *in_test = calloc((size_t)n, 1);
    int rc = -1;
    if (!start || !take || !rem || !v || !order || !in_test)
        goto done;

    /* class sizes, then bucket offsets */
    for (int i = 0; i < n; i++)
        start[y[i] + 1]++;
    for (int c = 0; c < k; c++)
        start[c + 1] += start[c];

    /* t_c: floors, then the leftovers by largest remainder */
    int left = n_test;
    for (int c = 0; c < k; c++) {
        const int64_t nc = start[c + 1] - start[c];
        take[c] = (int)(nc * n_test / n);
        rem[c] = nc * n_test % n;
        left -= take[c];
    }
    if (left > 0) {
        /* left < k: the classes in order of remainder, largest first */
        for (int c = 0; c < k; c++)
            order[c] = (keyed){-(double)rem[c], c};
        select_smallest(order, k, left);
        for (int q = 0; q < left; q++)
            take[order[q].i]++;
    }

    /* bucket (key, index) by class, in index order; rem is free again and
     * serves as the cursors */
    for (int c = 0; c < k; c++)
        rem[c] = start[c];
    for (int i = 0; i < n; i++) {
        keyed *e = &v[rem[y[i]]++];
        e->u = u[i];
        e->i = i;
    }

    /* MISTAKE: the n_test smallest keys of all samples go to test */
    if (n_test > 0 && n_test < n)
        select_smallest(v, n, n_test);
    for (int q = 0; q < n_test; q++)
        in_test[v[q].i] = 1;

    int a = 0, s = 0;
    for (int i = 0; i < n; i++) {
        if (in_test[i])
            test[s++] = i;
        else
            train[a++] = i;
    }
    rc = 0;

done:
    free(start);
    free(take);
    free(rem);
    free(v);
    free(order);
    free(in_test);
    return rc;
}
