/* expect: status=graded passed=yes correctness=pass vectorization=pass organization=pass */
/* No sorting at all (and no BLAS: there is nothing to multiply).  The keys
 * only have to pick t_c random samples per class, so this uses them as a
 * random source: one Fisher-Yates shuffle of each class's index bucket
 * (u[i] picks the swap partner), and the first t_c of the shuffled bucket
 * go to test.  Linear time; the per-class counts follow the task exactly. */
#include <stdlib.h>

int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    if (n < 1 || k < 1 || n_test < 0 || n_test > n)
        return -1;
    for (int i = 0; i < n; i++)
        if ((unsigned)y[i] >= (unsigned)k)
            return -1;

    int *first = calloc((size_t)k + 1, sizeof(int));
    int *bucket = malloc(sizeof(int) * (size_t)n);
    int *want = malloc(sizeof(int) * (size_t)k);
    long long *frac = malloc(sizeof(long long) * (size_t)k);
    for (int i = 0; i < n; i++)
        first[y[i] + 1]++;
    for (int c = 0; c < k; c++)
        first[c + 1] += first[c];
    int *pos = malloc(sizeof(int) * (size_t)k);
    for (int c = 0; c < k; c++)
        pos[c] = first[c];
    for (int i = 0; i < n; i++)
        bucket[pos[y[i]]++] = i;

    int missing = n_test;
    for (int c = 0; c < k; c++) {
        long long prod = (long long)(first[c + 1] - first[c]) * n_test;
        want[c] = (int)(prod / n);
        frac[c] = prod % n;
        missing -= want[c];
    }
    while (missing-- > 0) {
        int top = -1;
        for (int c = 0; c < k; c++)
            if (frac[c] >= 0 && (top < 0 || frac[c] > frac[top]))
                top = c;
        want[top]++;
        frac[top] = -1;
    }

    int nt = 0, nr = 0;
    for (int c = 0; c < k; c++) {
        int *b = bucket + first[c], m = first[c + 1] - first[c];
        for (int j = 0; j < want[c]; j++) {         /* partial shuffle */
            int r = j + (int)(u[b[j]] * (m - j));
            if (r >= m)
                r = m - 1;
            int t = b[j];
            b[j] = b[r];
            b[r] = t;
            test[nt++] = b[j];
        }
        for (int j = want[c]; j < m; j++)
            train[nr++] = b[j];
    }
    free(first);
    free(bucket);
    free(want);
    free(frac);
    free(pos);
    return 0;
}
