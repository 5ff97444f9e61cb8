/* expect: status=graded correctness=pass vectorization=fail organization=pass */
/* Correct: sorts each row's class indices with qsort (score descending,
 * then index ascending for ties) and checks the first k.  But a full
 * O(c log c) sort with a comparator call per comparison is far slower than
 * the single O(c) counting pass the question needs. */
#include <stdlib.h>

typedef struct {
    double score;
    int cls;
} entry;

static int by_score_desc(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->cls - y->cls;
}

double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    if (n < 1 || c < 1 || k < 1)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= c)
            return -1;
    entry *e = malloc(sizeof(entry) * (size_t)c);
    if (!e)
        return -1;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < c; j++) {
            e[j].score = P[(long)i * c + j];
            e[j].cls = j;
        }
        qsort(e, (size_t)c, sizeof(entry), by_score_desc);
        for (int r = 0; r < k && r < c; r++)
            if (e[r].cls == y[i]) {
                hits++;
                break;
            }
    }
    free(e);
    return (double)hits / n;
}
