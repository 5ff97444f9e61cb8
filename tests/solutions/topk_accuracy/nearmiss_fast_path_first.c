/* expect: status=graded passed=no correctness=fail mistake=none */
/* Takes the statement's shortcut first -- "if k >= c every sample is a
 * hit" -- and returns 1 before the labels are looked at: with k >= c a bad
 * label is accepted.  Everything else is right. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    if (k >= c)
        return 1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        const double *row = P + (long)i * c;
        double mine = row[y[i]];
        int ahead = 0;
        for (int j = 0; j < c && ahead < k; j++)
            if (row[j] > mine || (row[j] == mine && j < y[i]))
                ahead++;
        hits += ahead < k;
    }
    return (double)hits / n;
}
