/* expect: status=graded passed=no correctness=fail case=crash mistake=none */
/* The counting-and-sorting split with each class's share n_c * n_test
 * computed in an int: right until the product passes 2^31 - 1 (half a
 * million samples, or 100000 split in two halves), where it wraps and the
 * class counts come out wrong. */
#include <stdlib.h>

typedef struct {
    int cls;
    double key;
    int idx;
} item;

static int by_class_then_key(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->idx - b->idx;
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;

    long long *count = calloc(k, sizeof(long long));
    long long *rem = malloc(sizeof(long long) * k);
    int *quota = malloc(sizeof(int) * k);
    item *items = malloc(sizeof(item) * n);
    for (int i = 0; i < n; i++)
        count[y[i]]++;

    int assigned = 0;
    for (int c = 0; c < k; c++) {
        int share = (int)count[c] * n_test;    /* at most n * n */
        quota[c] = share / n;
        rem[c] = share % n;
        assigned += quota[c];
    }
    for (; assigned < n_test; assigned++) {
        int best = 0;
        for (int c = 1; c < k; c++)
            if (rem[c] > rem[best])
                best = c;
        quota[best]++;
        rem[best] = -1;
    }

    for (int i = 0; i < n; i++) {
        items[i].cls = y[i];
        items[i].key = u[i];
        items[i].idx = i;
    }
    qsort(items, n, sizeof(item), by_class_then_key);

    int nt = 0, nr = 0, pos = 0;
    for (int c = 0; c < k; c++)
        for (long long j = 0; j < count[c]; j++, pos++) {
            if (j < quota[c])
                test[nt++] = items[pos].idx;
            else
                train[nr++] = items[pos].idx;
        }
    free(count);
    free(rem);
    free(quota);
    free(items);
    return 0;
}
