/* expect: status=graded correctness=pass vectorization=fail organization=pass */
/* Correct, but it handles one class at a time by scanning all n labels for
 * that class ("idx = where(y == c)"), then sorts that class's keys: k full
 * passes over the data, O(n k) -- 1000 passes on the timed input, where one
 * counting pass groups every class at once. */
#include <stdlib.h>

typedef struct {
    double key;
    int idx;
} pick;

static int by_key(const void *a, const void *b)
{
    const pick *p = a, *q = b;
    return p->key < q->key ? -1 : p->key > q->key ? 1 : p->idx - q->idx;
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    long long *size = calloc(k, sizeof(long long)), *rem = calloc(k, sizeof(long long));
    int *quota = calloc(k, sizeof(int)), given = 0;
    for (int i = 0; i < n; i++)
        size[y[i]]++;
    for (int c = 0; c < k; c++) {
        quota[c] = (int)(size[c] * n_test / n);
        rem[c] = size[c] * n_test % n;
        given += quota[c];
    }
    for (; given < n_test; given++) {
        int b = 0;
        for (int c = 1; c < k; c++)
            if (rem[c] > rem[b])
                b = c;
        quota[b]++;
        rem[b] = -1;
    }
    pick *mine = malloc(sizeof(pick) * n);
    int nt = 0, nr = 0;
    for (int c = 0; c < k; c++) {
        int m = 0;
        for (int i = 0; i < n; i++) /* hot */ /* where(y == c) */
            if (y[i] == c) {
                mine[m].key = u[i];
                mine[m].idx = i;
                m++;
            }
        qsort(mine, m, sizeof(pick), by_key);
        for (int j = 0; j < m; j++)
            if (j < quota[c])
                test[nt++] = mine[j].idx;
            else
                train[nr++] = mine[j].idx;
    }
    free(mine);
    free(size);
    free(rem);
    free(quota);
    return 0;
}
