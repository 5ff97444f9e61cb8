/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the per-class tables (counts, quotas, remainders, offsets) are
 * fixed arrays of 1024 entries, as if k were small; the statement puts no
 * bound on k, and with k = 5000 the counting loop writes past them. */
#include <stdlib.h>

#define MAXK 1024

typedef struct { double key; int i; } item;

static int by_key(const void *a, const void *b)
{
    double x = ((const item *)a)->key, y = ((const item *)b)->key;
    return (x > y) - (x < y);
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    long cnt[MAXK], t[MAXK], rem[MAXK];
    int start[MAXK + 1], pos[MAXK];
    for (int c = 0; c < k; c++)
        cnt[c] = 0;
    for (int i = 0; i < n; i++)
        cnt[y[i]]++;
    long sum = 0;
    for (int c = 0; c < k; c++) {
        t[c] = cnt[c] * n_test / n;
        rem[c] = cnt[c] * n_test % n;
        sum += t[c];
    }
    for (long e = sum; e < n_test; e++) {
        int b = -1;
        for (int c = 0; c < k; c++)
            if (rem[c] >= 0 && (b < 0 || rem[c] > rem[b]))
                b = c;
        t[b]++;
        rem[b] = -1;
    }
    item *it = malloc(sizeof(item) * n);
    if (!it)
        return -1;
    start[0] = 0;
    for (int c = 0; c < k; c++) {
        start[c + 1] = start[c] + (int)cnt[c];
        pos[c] = start[c];
    }
    for (int i = 0; i < n; i++)
        it[pos[y[i]]++] = (item){u[i], i};
    int nt = 0, ntr = 0;
    for (int c = 0; c < k; c++) {
        qsort(it + start[c], cnt[c], sizeof(item), by_key);
        for (int j = 0; j < cnt[c]; j++) {
            if (j < t[c])
                test[nt++] = it[start[c] + j].i;
            else
                train[ntr++] = it[start[c] + j].i;
        }
    }
    free(it);
    return 0;
}
