/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct but quadratic: no sort.  For each feature it walks the distinct
 * values upwards by scanning the whole column for "the next larger value",
 * and recounts both children from scratch for every candidate: O(d n^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double impurity(const int *cnt, int C, int m, int ent)
{
    double s = 0.0;
    for (int c = 0; c < C; c++) {
        if (!cnt[c])
            continue;
        double p = (double)cnt[c] / m;
        s += ent ? -p * log2(p) : p * p;
    }
    return ent ? s : 1 - s;
}

/* the smallest value of column j greater than a (INFINITY if none) */
static double next_value(const double *X, int n, int d, int j, double a)
{
    double b = INFINITY;
    for (int i = 0; i < n; i++) /* hot */
        if (X[i * d + j] > a && X[i * d + j] < b)
            b = X[i * d + j];
    return b;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    int ent = !strcmp(criterion, "entropy");
    int *l = malloc(sizeof(int) * n_classes), *r = malloc(sizeof(int) * n_classes);
    int *all = calloc(n_classes, sizeof(int));
    for (int i = 0; i < n; i++)
        all[y[i]]++;
    double parent = impurity(all, n_classes, n, ent);
    int bf = -1;
    double bg = 0, bt = 0;
    for (int j = 0; j < d; j++) {
        double a = next_value(X, n, d, j, -INFINITY);
        for (double b = next_value(X, n, d, j, a); b != INFINITY;
             a = b, b = next_value(X, n, d, j, a)) {
            double t = a / 2 + b / 2;
            memset(l, 0, sizeof(int) * n_classes);
            memset(r, 0, sizeof(int) * n_classes);
            int nl = 0;
            for (int i = 0; i < n; i++) {
                if (X[i * d + j] <= t) {
                    l[y[i]]++;
                    nl++;
                } else {
                    r[y[i]]++;
                }
            }
            double g = parent - (nl * impurity(l, n_classes, nl, ent) +
                                 (n - nl) * impurity(r, n_classes, n - nl, ent)) / n;
            if (bf < 0 || g > bg + 1e-12) {
                bf = j;
                bg = g;
                bt = t;
            }
        }
    }
    *threshold = bf < 0 ? 0 : bt;
    *gain = bf < 0 ? 0 : bg;
    free(l);
    free(r);
    free(all);
    return bf;
}
