/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: k rounds of "take the best class not taken yet" per row, with
 * the taken flags in a fixed array of 2048 classes (enough for the timed
 * input, c = 2000); the classes past 2048 are never looked at, where the
 * statement says c can be about 10^4. */
#define MAXC 2048

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    if (k >= c)
        return 1.0;
    int hits = 0;
    char taken[MAXC];
    for (int i = 0; i < n; i++) {
        const double *p = P + (long)i * c;
        int cc = c < MAXC ? c : MAXC;
        for (int j = 0; j < cc; j++)
            taken[j] = 0;
        for (int r = 0; r < k && r < cc; r++) {
            int b = -1;
            for (int j = 0; j < cc; j++)
                if (!taken[j] && (b < 0 || p[j] > p[b]))
                    b = j;
            taken[b] = 1;
            if (b == y[i]) {
                hits++;
                break;
            }
        }
    }
    return (double)hits / n;
}
