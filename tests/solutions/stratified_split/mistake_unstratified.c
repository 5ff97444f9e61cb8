/* expect: status=graded passed=no correctness=fail mistake=unstratified */
/* A random split that forgets the classes: sort all samples by their key and
 * take the first n_test as the test set.  The test set is random, but a
 * class's share in it is only right on average. */
#include <stdlib.h>

typedef struct {
    double key;
    int idx;
} pair;

static int by_key(const void *a, const void *b)
{
    const pair *p = a, *q = b;
    if (p->key < q->key)
        return -1;
    if (p->key > q->key)
        return 1;
    return p->idx - q->idx;
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    pair *p = malloc(sizeof(pair) * n);
    for (int i = 0; i < n; i++) {
        p[i].key = u[i];
        p[i].idx = i;
    }
    qsort(p, n, sizeof(pair), by_key);
    for (int i = 0; i < n_test; i++)
        test[i] = p[i].idx;
    for (int i = n_test; i < n; i++)
        train[i - n_test] = p[i].idx;
    free(p);
    return 0;
}
