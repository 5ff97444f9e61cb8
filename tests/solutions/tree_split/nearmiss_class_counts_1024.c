/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the class counts of the node and of the two sides live in
 * fixed arrays of 1024 entries, as if n_classes were small; the statement
 * puts no bound on it, and with 5000 classes the counts are written past
 * the arrays. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXC 1024

typedef struct { double v; int y; } item;

static int by_value(const void *a, const void *b)
{
    double x = ((const item *)a)->v, y = ((const item *)b)->v;
    return (x > y) - (x < y);
}

static double impurity(const long *cnt, int K, long m, int ent)
{
    if (m == 0)
        return 0;
    double s = 0;
    for (int c = 0; c < K; c++) {
        double p = (double)cnt[c] / m;
        if (ent) {
            if (p > 0)
                s -= p * log2(p);
        } else {
            s += p * p;
        }
    }
    return ent ? s : 1 - s;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    int ent = strcmp(criterion, "entropy") == 0;
    long tot[MAXC], L[MAXC], R[MAXC];
    memset(tot, 0, sizeof(long) * n_classes);
    for (int i = 0; i < n; i++)
        tot[y[i]]++;
    double all = impurity(tot, n_classes, n, ent);
    item *it = malloc(sizeof(item) * n);
    int best = -1;
    double bg = 0, bt = 0;
    for (int j = 0; it && j < d; j++) {
        for (int i = 0; i < n; i++)
            it[i] = (item){X[(long)i * d + j], y[i]};
        qsort(it, n, sizeof(item), by_value);
        memset(L, 0, sizeof(long) * n_classes);
        memcpy(R, tot, sizeof(long) * n_classes);
        for (int p = 0; p < n - 1; p++) {
            L[it[p].y]++;
            R[it[p].y]--;
            double a = it[p].v, b = it[p + 1].v;
            if (!(a < b))
                continue;
            double g = all - (double)(p + 1) / n * impurity(L, n_classes, p + 1, ent)
                           - (double)(n - p - 1) / n * impurity(R, n_classes, n - p - 1, ent);
            if (best < 0 || g > bg + 1e-12) {
                best = j;
                bg = g;
                bt = a / 2 + b / 2;
            }
        }
    }
    free(it);
    if (best < 0)
        bt = bg = 0;
    *threshold = bt;
    *gain = bg;
    return best;
}
