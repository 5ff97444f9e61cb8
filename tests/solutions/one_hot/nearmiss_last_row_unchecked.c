/* expect: status=graded passed=no correctness=fail stability=fail mistake=none */
/* Near miss: the label check is right (0 <= y < k) but its loop stops one
 * row short (i < n - 1), so a bad label in the last row is accepted and
 * its 1 written outside the row.  It is not accepts_k: a label k anywhere
 * else is rejected. */
int one_hot(const int *y, int n, int k, double *Y)
{
    if (n < 1 || k < 1)
        return -1;
    for (int i = 0; i < n - 1; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++)
            Y[(long)i * k + c] = 0.0;
        if (y[i] >= 0 && y[i] < k)
            Y[(long)i * k + y[i]] = 1.0;
    }
    return 0;
}
