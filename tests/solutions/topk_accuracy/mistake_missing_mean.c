/* expect: status=graded passed=no correctness=fail mistake=missing_mean */
/* Counts the hits correctly and returns the count: the division by n was
 * forgotten. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    double hits = 0;
    for (int i = 0; i < n; i++) {
        const double *p = P + i * c;
        int ahead = 0;
        for (int j = 0; j < c; j++)
            ahead += p[j] > p[y[i]] || (p[j] == p[y[i]] && j < y[i]);
        if (ahead < k)
            hits += 1;
    }
    return hits;
}
