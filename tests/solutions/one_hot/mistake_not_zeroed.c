/* expect: status=graded passed=no correctness=fail mistake=not_zeroed */
/* Checks the labels properly, then puts a 1 in each row -- and assumes the
 * rest of Y is already 0, which the caller never promised. */
int one_hot(const int *y, int n, int k, double *Y)
{
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= k)
            return -1;
    for (int i = 0; i < n; i++)
        Y[i * k + y[i]] = 1;
    return 0;
}
