/* expect: status=graded passed=no organization=fail */
/* Groups the samples by sorting the caller's labels and keys in place
 * (casting away const) together with an index array -- "they are only read
 * afterwards anyway": the caller's y and u come back reordered. */
#include <stdlib.h>

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    int *yy = (int *)y;
    double *uu = (double *)u;
    int *idx = malloc(sizeof(int) * n);
    for (int i = 0; i < n; i++)
        idx[i] = i;
    /* insertion sort by (class, key), moving y, u and idx together */
    for (int i = 1; i < n; i++) {
        int c = yy[i], id = idx[i], j = i - 1;
        double key = uu[i];
        while (j >= 0 && (yy[j] > c || (yy[j] == c && uu[j] > key))) {
            yy[j + 1] = yy[j];
            uu[j + 1] = uu[j];
            idx[j + 1] = idx[j];
            j--;
        }
        yy[j + 1] = c;
        uu[j + 1] = key;
        idx[j + 1] = id;
    }
    long long *size = calloc(k, sizeof(long long)), *rem = calloc(k, sizeof(long long));
    int *quota = calloc(k, sizeof(int)), given = 0;
    for (int i = 0; i < n; i++)
        size[yy[i]]++;
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
    int nt = 0, nr = 0, pos = 0;
    for (int c = 0; c < k; c++)
        for (long long j = 0; j < size[c]; j++, pos++)
            if (j < quota[c])
                test[nt++] = idx[pos];
            else
                train[nr++] = idx[pos];
    free(idx);
    free(size);
    free(rem);
    free(quota);
    return 0;
}
