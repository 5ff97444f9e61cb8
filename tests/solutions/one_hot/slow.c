/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but the validity check is a helper that scans all n labels, and
 * it is called once per row: O(n^2) for what needs O(n). */
static int labels_ok(const int *y, int n, int k)
{
    for (int i = 0; i < n; i++) /* hot */
        if (y[i] < 0 || y[i] >= k)
            return 0;
    return 1;
}

int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++) {
        if (!labels_ok(y, n, k))
            return -1;
        for (int c = 0; c < k; c++)
            Y[(long)i * k + c] = 0.0;
        Y[(long)i * k + y[i]] = 1.0;
    }
    return 0;
}
