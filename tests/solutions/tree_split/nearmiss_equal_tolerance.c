/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: sort each column with its labels and sweep with running class
 * counts, right in every step but the test for equal neighbours, written
 * with a tolerance ("floating-point values are never exactly equal"):
 * values closer than 1e-12 are taken as one value, so no threshold is
 * tried between them.  The statement splits between any two distinct
 * values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x;
    int y;
} item;

static int by_x(const void *a, const void *b)
{
    double u = ((const item *)a)->x, v = ((const item *)b)->x;
    return (u > v) - (u < v);
}

static double impurity(const int *cnt, int C, int m, int use_entropy)
{
    double s = 0.0;
    for (int c = 0; c < C; c++) {
        if (cnt[c] == 0)
            continue;
        double p = (double)cnt[c] / m;
        s += use_entropy ? -p * log2(p) : p * p;
    }
    return use_entropy ? s : 1.0 - s;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    int ent = strcmp(criterion, "entropy") == 0;
    int best_f = -1;
    double best_g = 0.0, best_t = 0.0;
    *threshold = 0.0;
    *gain = 0.0;
    item *col = malloc(sizeof(item) * n);
    int *all = calloc(n_classes, sizeof(int));
    int *left = malloc(sizeof(int) * n_classes);
    int *right = malloc(sizeof(int) * n_classes);
    for (int i = 0; i < n; i++)
        all[y[i]]++;
    double parent = impurity(all, n_classes, n, ent);

    for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++) {
            col[i].x = X[i * d + j];
            col[i].y = y[i];
        }
        qsort(col, n, sizeof(item), by_x);
        memset(left, 0, sizeof(int) * n_classes);
        for (int i = 0; i < n - 1; i++) {
            left[col[i].y]++;
            if (col[i + 1].x - col[i].x < 1e-12)    /* equal up to rounding */
                continue;
            int nl = i + 1, nr = n - nl;
            for (int c = 0; c < n_classes; c++)
                right[c] = all[c] - left[c];
            double g = parent - (double)nl / n * impurity(left, n_classes, nl, ent)
                              - (double)nr / n * impurity(right, n_classes, nr, ent);
            if (best_f < 0 || g > best_g + 1e-12) {
                best_f = j;
                best_g = g;
                best_t = col[i].x / 2 + col[i + 1].x / 2;
            }
        }
    }
    if (best_f >= 0) {
        *threshold = best_t;
        *gain = best_g;
    }
    free(col);
    free(all);
    free(left);
    free(right);
    return best_f;
}
