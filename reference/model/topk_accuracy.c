/* Model answer: top-k accuracy without sorting. The true class t is in
 * the top k exactly when fewer than k classes rank ahead of it, which one
 * O(c) pass over the row counts. */

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || k < 1 ||
        c < 1)    /* (with c = 0 the label check would reject every label) */
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        int t = y[i], ahead = 0;
#if MISTAKE(wrong_axis)
        double v = P[t * n + i];
        for (int j = 0; j < t; j++)
            ahead += P[j * n + i] >= v;
        for (int j = t + 1; j < c; j++)
            ahead += P[j * n + i] > v;
#else
        const double *p = P + i * c;    /* row i: P is row-major */
        /* ahead of t: an equal or higher score at a lower index (the order
         * of a stable descending sort), a higher one at a higher index */
        for (int j = 0; j < t; j++)
            ahead += p[j] >= p[t];
        for (int j = t + 1; j < c; j++)
            ahead += p[j] > p[t];
#endif
#if MISTAKE(off_by_one)
        hits += ahead <= k;
#else
        hits += ahead < k;
#endif
    }
#if MISTAKE(missing_mean)
    return hits;
#else
    return (double)hits / n;
#endif
}
