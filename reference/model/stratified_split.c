/* Model answer: stratified split. Each class's test count is its share
 * rounded by largest remainders; the samples are grouped by class and each
 * class sorted by key, so its smallest keys go to test. */
#include <stdlib.h>

typedef struct {
    double u;
    int i;
} keyed;

/* By key, equal keys by index: the order does not depend on qsort's */
static int by_key(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->u != q->u)
        return (p->u > q->u) - (p->u < q->u);
    return (p->i > q->i) - (p->i < q->i);
}

/* Sorts the m samples v by key: the t first go to test (at *s), the others
 * to train (at *a). */
static void split(keyed *v, int m, int t, int *test, int *s, int *train, int *a)
{
    qsort(v, m, sizeof(keyed), by_key);
    for (int p = 0; p < m; p++)
        if (p < t)
            test[(*s)++] = v[p].i;
        else
            train[(*a)++] = v[p].i;
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || n_test < 0 || n_test > n ||
        k < 1)    /* (with k = 0 the label check would reject every label) */
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    long long *nc = calloc(k, sizeof(long long)), *rem = calloc(k, sizeof(long long));
    int *t = malloc(sizeof(int) * k);
    keyed *v = malloc(sizeof(keyed) * n);
    for (int i = 0; i < n; i++)
        nc[y[i]]++;

    /* t_c = floor(n_c n_test / n) (n_c n_test can pass the int range), then
     * the samples still missing one each to the largest remainders */
    int left = n_test;
    for (int c = 0; c < k; c++) {
        t[c] = nc[c] * n_test / n;
        rem[c] = nc[c] * n_test % n;
        left -= t[c];
    }
    for (; left > 0; left--) {
        int best = 0;
        for (int c = 1; c < k; c++)
            if (rem[c] > rem[best])
                best = c;
        t[best]++;
        rem[best] = -1;
    }

    /* group the samples by class in one counting pass: nc becomes each
     * class's start in v, then its end */
    long long at = 0;
    for (int c = 0; c < k; c++) {
        long long m = nc[c];
        nc[c] = at;
        at += m;
    }
    for (int i = 0; i < n; i++)
        v[nc[y[i]]++] = (keyed){u[i], i};
    int a = 0, s = 0;
#if MISTAKE(unstratified)
    split(v, n, n_test, test, &s, train, &a);
#else
    for (int c = 0, from = 0; c < k; from = nc[c++])
        split(v + from, nc[c] - from, t[c], test, &s, train, &a);
#endif
    free(nc);
    free(rem);
    free(t);
    free(v);
    return 0;
}
