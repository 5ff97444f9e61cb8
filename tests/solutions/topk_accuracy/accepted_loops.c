/* expect: status=graded passed=yes correctness=pass vectorization=pass organization=pass */
/* For each sample, count the classes ranked ahead of the true one (higher
 * score, or the same score at a lower index) and stop counting as soon as
 * k of them are found: the sample is a miss.  O(c) per row at worst. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        const double *row = P + (long)i * c;
        double mine = row[y[i]];
        int ahead = 0;
        for (int j = 0; j < c && ahead < k; j++) {
            if (row[j] > mine || (row[j] == mine && j < y[i]))
                ahead++;
        }
        if (ahead < k)
            hits++;
    }
    return (double)hits / (double)n;
}
