/* expect: status=graded passed=no correctness=fail mistake=off_by_one */
/* Counts the classes ranked ahead of the true one, then asks "ahead <= k"
 * -- one too many: with k = 1, a true class in second place counts. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        double v = P[i * c + y[i]];
        int ahead = 0;
        for (int j = 0; j < c; j++)
            if (P[i * c + j] > v || (P[i * c + j] == v && j < y[i]))
                ahead++;
        if (ahead <= k)
            hits++;
    }
    return (double)hits / n;
}
