/* expect: status=graded passed=yes correctness=pass stability=pass vectorization=pass organization=pass */
/* Sorts an index array per feature with a merge sort (stable, no qsort
 * callbacks), gathers each column with a strided cblas_dcopy, and keeps
 * the class counts as doubles so that sum_c count_c^2 is one cblas_ddot.
 * Gini is scored as 1 - ||counts||^2 / m^2, entropy through
 * log2(m) - (1/m) sum_c count_c log2(count_c). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void merge_sort(int *idx, int *tmp, const double *x, int lo, int hi)
{
    if (hi - lo < 2)
        return;
    int mid = (lo + hi) / 2;
    merge_sort(idx, tmp, x, lo, mid);
    merge_sort(idx, tmp, x, mid, hi);
    int a = lo, b = mid, k = lo;
    while (a < mid && b < hi)
        tmp[k++] = x[idx[b]] < x[idx[a]] ? idx[b++] : idx[a++];
    while (a < mid)
        tmp[k++] = idx[a++];
    while (b < hi)
        tmp[k++] = idx[b++];
    memcpy(idx + lo, tmp + lo, sizeof(int) * (size_t)(hi - lo));
}

static double node_impurity(const double *cnt, int C, double m, int ent)
{
    if (!ent)
        return 1.0 - cblas_ddot(C, cnt, 1, cnt, 1) / (m * m);
    double s = 0.0;
    for (int c = 0; c < C; c++)
        if (cnt[c] > 0)
            s += cnt[c] * log2(cnt[c]);
    return log2(m) - s / m;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    const int ent = criterion[0] == 'e';
    double *col = malloc(sizeof(double) * (size_t)n);
    int *idx = malloc(sizeof(int) * (size_t)n), *tmp = malloc(sizeof(int) * (size_t)n);
    double *tot = calloc((size_t)n_classes, sizeof(double));
    double *lc = malloc(sizeof(double) * (size_t)n_classes);
    double *rc = malloc(sizeof(double) * (size_t)n_classes);
    for (int i = 0; i < n; i++)
        tot[y[i]] += 1.0;
    const double parent = node_impurity(tot, n_classes, n, ent);
    int bf = -1;
    double bg = -INFINITY, bt = 0.0;
    for (int j = 0; j < d; j++) {
        cblas_dcopy(n, X + j, d, col, 1);
        for (int i = 0; i < n; i++)
            idx[i] = i;
        merge_sort(idx, tmp, col, 0, n);
        memset(lc, 0, sizeof(double) * (size_t)n_classes);
        cblas_dcopy(n_classes, tot, 1, rc, 1);
        for (int q = 0; q + 1 < n; q++) {
            int c = y[idx[q]];
            lc[c] += 1.0;
            rc[c] -= 1.0;
            double a = col[idx[q]], b = col[idx[q + 1]];
            if (!(a < b))
                continue;
            double nl = q + 1, nr = n - nl;
            double g = parent - (nl * node_impurity(lc, n_classes, nl, ent) +
                                 nr * node_impurity(rc, n_classes, nr, ent)) / n;
            if (g > bg + 1e-12) {
                bg = g;
                bf = j;
                bt = 0.5 * a + 0.5 * b;
            }
        }
    }
    *threshold = bf < 0 ? 0.0 : bt;
    *gain = bf < 0 ? 0.0 : bg;
    free(col);
    free(idx);
    free(tmp);
    free(tot);
    free(lc);
    free(rc);
    return bf;
}
