/* Reference: stratified train/test split with caller-supplied randomness.
 *
 * Class c has n_c samples and gets t_c test samples:
 *   t_c = floor(n_c * n_test / n), then the n_test - sum_c t_c samples left
 *   over go one each to the classes with the largest remainders
 *   (n_c * n_test mod n), ties to the lower class,
 * so sum_c t_c = n_test and every t_c is within 1 of n_c * n_test / n.
 * Within class c the t_c samples with the smallest keys u[i] (ties: lower
 * index) go to test; the others to train.  test gets n_test indices and
 * train n - n_test, each in increasing order.  Returns 0, or -1 (writing
 * nothing) for invalid arguments: n < 1, k < 1, n_test outside 0..n, or a
 * label outside 0..k-1.
 *
 * Cost O(n + k) expected: the indices are bucketed by class with a counting
 * pass, and each class's t_c smallest keys are found with a quickselect on
 * (key, index) pairs, not a sort; the classes that get a leftover sample
 * are selected the same way (key = minus the remainder, ties to the lower
 * class).  A sample is then marked and the two index lists written in one
 * sweep. */
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

    /* the t_c smallest keys of each class go to test */
    for (int c = 0; c < k; c++) {
        const int m = start[c + 1] - start[c], t = take[c];
        keyed *b = v + start[c];
        if (t > 0 && t < m)
            select_smallest(b, m, t);
        for (int q = 0; q < t; q++)
            in_test[b[q].i] = 1;
    }

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
