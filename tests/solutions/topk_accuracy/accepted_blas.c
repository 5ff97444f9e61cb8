/* expect: status=graded passed=yes correctness=pass vectorization=pass organization=pass */
/* Partial selection with CBLAS: cblas_idamax finds the largest remaining
 * score (the first one among equals, so ties go to the lower index), which
 * is then knocked out of a scratch copy of the row, k times: O(k c) per
 * row, linear in c for a fixed k (and one idamax on the row itself when the
 * true class is the top score, the common case).  The scores are non-negative, so the
 * largest |score| is the largest score.  Once idamax returns a class that
 * was already taken, every remaining score is 0, and they follow in index
 * order. */
#include <cblas.h>
#include <stdlib.h>

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    if (k >= c)
        return 1;
    double *s = malloc(sizeof(double) * (size_t)c);
    char *taken = malloc((size_t)c);
    if (!s || !taken) {
        free(s);
        free(taken);
        return -1;
    }
    int hits = 0;
    for (int i = 0; i < n; i++) {
        /* the common case first: the true class is the top score */
        if ((int)cblas_idamax(c, P + (size_t)i * c, 1) == y[i]) {
            hits++;
            continue;
        }
        cblas_dcopy(c, P + (size_t)i * c, 1, s, 1);
        for (int j = 0; j < c; j++)
            taken[j] = 0;
        int hit = 0;
        for (int r = 0; r < k && !hit; r++) {
            int j = (int)cblas_idamax(c, s, 1);
            if (taken[j]) {
                /* only zeros left: the next classes are the untaken ones in
                 * index order, so y[i] is hit if few enough come before it */
                int before = 0;
                for (int q = 0; q < y[i]; q++)
                    before += !taken[q];
                hit = !taken[y[i]] && r + before < k;
                break;
            }
            hit = j == y[i];
            taken[j] = 1;
            s[j] = 0.0;
        }
        hits += hit;
    }
    free(s);
    free(taken);
    return (double)hits / n;
}
