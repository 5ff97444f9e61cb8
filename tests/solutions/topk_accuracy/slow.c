/* expect: status=graded correctness=pass vectorization=fail organization=pass */
/* Correct, but it sorts every row completely -- with an insertion sort of
 * the class indices (by score, descending; equal scores keep index order,
 * since insertion sort is stable) -- and then looks for y[i] among the
 * first k.  O(c^2) per row for a question that needs O(c). */
#include <stdlib.h>

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    int *idx = malloc(sizeof(int) * (size_t)c);
    if (!idx)
        return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        const double *p = P + (long)i * c;
        for (int j = 0; j < c; j++) { /* hot */
            int q = j;
            while (q > 0 && p[idx[q - 1]] < p[j]) {
                idx[q] = idx[q - 1];
                q--;
            }
            idx[q] = j;
        }
        for (int r = 0; r < k && r < c; r++)
            if (idx[r] == y[i]) {
                hits++;
                break;
            }
    }
    free(idx);
    return (double)hits / n;
}
