/* expect: status=graded passed=no correctness=fail */
/* Counts only the classes with a strictly higher score: every tie goes to
 * the true class, so a model that outputs equal scores for everything gets
 * 100% -- not the tie rule of the statement. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        int better = 0;
        for (int j = 0; j < c; j++)
            better += P[i * c + j] > P[i * c + y[i]];
        hits += better < k;
    }
    return (double)hits / n;
}
