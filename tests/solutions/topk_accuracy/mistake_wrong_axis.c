/* expect: status=graded passed=no correctness=fail mistake=wrong_axis */
/* Indexes the scores as P[j*n + i] (class-major), as if P were c-by-n:
 * right only when n == 1. */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        double v = P[y[i] * n + i];
        int ahead = 0;
        for (int j = 0; j < c; j++)
            if (P[j * n + i] > v || (P[j * n + i] == v && j < y[i]))
                ahead++;
        hits += ahead < k;
    }
    return (double)hits / n;
}
