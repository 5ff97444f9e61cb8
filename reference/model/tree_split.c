/* Model answer: the best split of a decision-tree node. Each column is
 * sorted once with its labels, then swept left to right with running
 * class counts: every boundary between distinct values is a candidate. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x;
    int y;
} sample;

static int by_x(const void *a, const void *b)
{
    double u = ((const sample *)a)->x, v = ((const sample *)b)->x;
    return (u > v) - (u < v);
}

/* the impurity of a set of m samples with the class counts cnt[0..C) */
static double gini(const int *cnt, int C, int m)
{
    double s = 1;
    for (int c = 0; c < C; c++) {
        double p = (double)cnt[c] / m;
        s -= p * p;
    }
    return s;
}

static double entropy(const int *cnt, int C, int m)
{
    double s = 0;
    for (int c = 0; c < C; c++) {
        double p = (double)cnt[c] / m;
#if !MISTAKE(log_zero)
        if (p > 0)    /* a class with p = 0 adds 0: 0 * log2(0) would be NaN */
#endif
#if MISTAKE(natural_log)
            s -= p * log(p);
#else
            s -= p * log2(p);    /* in bits */
#endif
    }
    return s;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    double (*impurity)(const int *, int, int) = strcmp(criterion, "entropy") ? gini : entropy;
    int C = n_classes;
    sample *s = malloc(sizeof(sample) * n);
    int *total = calloc(C, sizeof(int)), *left = malloc(sizeof(int) * C);
    int *right = malloc(sizeof(int) * C);
    for (int i = 0; i < n; i++)
        total[y[i]]++;
    double parent = impurity(total, C, n);

    /* candidates by feature, then threshold: a later one wins only by more
     * than 1e-12, so rounding never breaks a tie */
    int best_j = -1;
    double best = -INFINITY, best_t = 0;
    for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++)
#if MISTAKE(wrong_axis)
            s[i] = (sample){X[j * n + i], y[i]};
#else
            s[i] = (sample){X[i * d + j], y[i]};    /* X is row-major */
#endif
        qsort(s, n, sizeof(sample), by_x);
        memset(left, 0, sizeof(int) * C);
        for (int i = 0; i + 1 < n; i++) {
            left[s[i].y]++;
            if (s[i].x == s[i + 1].x)
                continue;    /* no threshold between equal values */
            int nl = i + 1, nr = n - nl;
            for (int c = 0; c < C; c++)
                right[c] = total[c] - left[c];
#if MISTAKE(unweighted_children)
            double g = parent - (impurity(left, C, nl) + impurity(right, C, nr)) / 2;
#else
            /* each child weighs by its share of the samples */
            double g = parent - (nl * impurity(left, C, nl) + nr * impurity(right, C, nr)) / n;
#endif
            if (g > best + 1e-12) {
                best_j = j;
                best = g;
#if MISTAKE(threshold_at_value)
                best_t = s[i].x;
#else
                best_t = s[i].x / 2 + s[i + 1].x / 2;    /* the midpoint; a + b can overflow */
#endif
            }
        }
    }
    *threshold = best_j < 0 ? 0 : best_t;
    *gain = best_j < 0 ? 0 : best;
    free(s);
    free(total);
    free(left);
    free(right);
    return best_j;
}
