/* expect: status=graded passed=no case=crash */
/* Rounds each class's share on its own, t_c = round(n_c * n_test / n), and
 * never checks that these add up to n_test.  When they add up to more, the
 * loop writes test indices past the end of the caller's test array. */
#include <math.h>
#include <stdlib.h>

typedef struct {
    int y;
    double u;
    int i;
} row;

static int cmp(const void *a, const void *b)
{
    const row *p = a, *q = b;
    if (p->y != q->y)
        return p->y - q->y;
    return p->u < q->u ? -1 : p->u > q->u ? 1 : p->i - q->i;
}

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    int *size = calloc(k, sizeof(int));
    row *r = malloc(sizeof(row) * n);
    for (int i = 0; i < n; i++) {
        size[y[i]]++;
        r[i] = (row){y[i], u[i], i};
    }
    qsort(r, n, sizeof(row), cmp);
    int nt = 0, nr = 0, pos = 0;
    for (int c = 0; c < k; c++) {
        int t = (int)round((double)size[c] * n_test / n);
        for (int j = 0; j < size[c]; j++, pos++)
            if (j < t)
                test[nt++] = r[pos].i;
            else
                train[nr++] = r[pos].i;
    }
    free(size);
    free(r);
    return 0;
}
