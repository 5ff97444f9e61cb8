/* expect: status=graded passed=no stability=fail mistake=log_zero */
/* Entropy as -sum p log2 p over every class, including the ones a child
 * does not contain. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x;
    int y;
} item;

static int cmp(const void *a, const void *b)
{
    double u = ((const item *)a)->x, v = ((const item *)b)->x;
    return u < v ? -1 : u > v ? 1 : 0;
}

static double impurity(const int *cnt, int C, int m, int ent)
{
    double s = 0.0;
    for (int c = 0; c < C; c++) {
        double p = (double)cnt[c] / m;
        s += ent ? -p * log2(p) : p * p;
    }
    return ent ? s : 1.0 - s;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    int ent = strcmp(criterion, "entropy") == 0;
    int bf = -1;
    double bg = -1.0, bt = 0.0;
    item *col = malloc(sizeof(item) * n);
    int *all = calloc(n_classes, sizeof(int)), *l = malloc(sizeof(int) * n_classes),
        *r = malloc(sizeof(int) * n_classes);
    for (int i = 0; i < n; i++)
        all[y[i]]++;
    double parent = impurity(all, n_classes, n, ent);
    for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++) {
            col[i].x = X[i * d + j];
            col[i].y = y[i];
        }
        qsort(col, n, sizeof *col, cmp);
        memset(l, 0, sizeof(int) * n_classes);
        for (int i = 0; i + 1 < n; i++) {
            l[col[i].y]++;
            if (col[i].x == col[i + 1].x)
                continue;
            for (int c = 0; c < n_classes; c++)
                r[c] = all[c] - l[c];
            int nl = i + 1, nr = n - nl;
            double g = parent - (nl * impurity(l, n_classes, nl, ent) +
                                 nr * impurity(r, n_classes, nr, ent)) / n;
            if (g > bg + 1e-12) {
                bg = g;
                bf = j;
                bt = (col[i].x + col[i + 1].x) / 2;
            }
        }
    }
    *threshold = bf >= 0 ? bt : 0;
    *gain = bf >= 0 ? bg : 0;
    free(col);
    free(all);
    free(l);
    free(r);
    return bf;
}
