/* Reference: k-nearest-neighbour classification by majority vote.
 *
 * For each query q (a row of Q):
 *   the neighbours are the k training rows with the smallest squared
 *   Euclidean distance ||x_j - q||^2, equal distances taken in training
 *   order (lower index first); with k > n every training row is one;
 *   pred = the label held by most neighbours; a tie between labels goes to
 *   the label whose nearest neighbour is nearer, and when those are exactly
 *   as near, to the lower label.
 *
 * Distances: ||x - q||^2 = ||x||^2 + ||q||^2 - 2 x.q.  For a block of
 * queries one dgemm of [-2q, 1] against [x, ||x||^2] gives every
 * ||x||^2 - 2 x.q at once (||q||^2 does not change the order).  Both sets are first shifted by
 * the training mean (distances do not change), so the expansion only
 * cancels digits of the spread, not of the coordinates' offset.  Those
 * approximate distances only pick candidates: every training row within
 * the rounding bound of the k-th smallest is re-measured directly,
 * sum_l (x_l - q_l)^2 on the original coordinates, and the candidates are
 * ordered by (that distance, index).  So the answer is the one of the
 * direct formula, exact ties included.
 *
 * Labels are non-negative ints.  Invalid sizes (n, d, m or k < 1), NULL
 * arrays or a failed allocation leave pred untouched. */
#include <cblas.h>
#include <float.h>
#include <stddef.h>
#include <stdlib.h>

typedef struct cand {
    double dist;     /* exact squared distance */
    int idx;         /* training row */
} cand;

/* Queries per dgemm block: about 2 MiB of scores, between 16 and 256. */
static int block_queries(int m, int n)
{
    int b = 262144 / n;
    if (b < 16)
        b = 16;
    if (b > 256)
        b = 256;
    return b < m ? b : m;
}

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The smallest of 8 values, written so the compiler can use SIMD. */
static double min8(const double *v)
{
    double a = v[0] < v[1] ? v[0] : v[1];
    double b = v[2] < v[3] ? v[2] : v[3];
    double c = v[4] < v[5] ? v[4] : v[5];
    double d = v[6] < v[7] ? v[6] : v[7];
    a = a < b ? a : b;
    c = c < d ? c : d;
    return a < c ? a : c;
}

/* Inserts v into the sorted buffer best[0..*len) of at most k values. */
static void keep_smallest(double *best, int *len, int k, double v)
{
    if (*len == k && v >= best[k - 1])
        return;
    int p = *len < k ? (*len)++ : k - 1;
    while (p > 0 && best[p - 1] > v) {
        best[p] = best[p - 1];
        p--;
    }
    best[p] = v;
}

/* The k-th smallest of v[0..n) (1 <= k <= n) by quickselect; v is
 * reordered. */
static double select_kth(double *v, int n, int k)
{
    int lo = 0, hi = n - 1;
    const int want = k - 1;
    while (lo < hi) {
        const double pivot = v[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                const double t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        }
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            break;
    }
    return v[want];
}

/* The k-th smallest value of row[0..n) (k <= n).  For a small k, a sorted
 * buffer of the k smallest, where most blocks of 8 values are skipped on
 * their minimum alone; for a large k, quickselect on a copy (scratch holds
 * max(k, n) values). */
static double kth_smallest(const double *row, int n, int k, double *scratch)
{
    if (k > 32) {
        for (int j = 0; j < n; j++)
            scratch[j] = row[j];
        return select_kth(scratch, n, k);
    }
    double *best = scratch;
    int len = 0, j = 0;
    for (; j + 8 <= n; j += 8) {
        if (len == k && min8(row + j) >= best[k - 1])
            continue;
        for (int t = 0; t < 8; t++)
            keep_smallest(best, &len, k, row[j + t]);
    }
    for (; j < n; j++)
        keep_smallest(best, &len, k, row[j]);
    return best[k - 1];
}

/* The winning label among the first k candidates (sorted by distance).
 * Labels are listed in order of first appearance, which is the order of
 * their nearest members, so on equal counts the earlier label wins unless
 * its nearest member is exactly as near and its label is higher. */
static int vote(const cand *c, int k, const int *y, int *lab, int *cnt,
                double *near)
{
    int nl = 0;
    for (int r = 0; r < k; r++) {
        const int l = y[c[r].idx];
        int s = 0;
        while (s < nl && lab[s] != l)
            s++;
        if (s == nl) {
            lab[nl] = l;
            near[nl] = c[r].dist;
            cnt[nl++] = 0;
        }
        cnt[s]++;
    }
    int best = 0;
    for (int s = 1; s < nl; s++)
        if (cnt[s] > cnt[best] ||
            (cnt[s] == cnt[best] && near[s] == near[best] && lab[s] < lab[best]))
            best = s;
    return lab[best];
}

void knn_predict(const double *X, const int *y, int n, int d, const double *Q,
                 int m, int k, int *pred)
{
    if (!X || !y || !Q || !pred || n < 1 || d < 1 || m < 1 || k < 1)
        return;
    if (k > n)
        k = n;

    const int B = block_queries(m, n);
    const int D = d + 1;        /* coordinates plus one column for the norms */
    double *mu = calloc((size_t)d, sizeof *mu);
    double *Xa = malloc((size_t)n * (size_t)D * sizeof *Xa);
    double *Qa = malloc((size_t)B * (size_t)D * sizeof *Qa);
    double *qn = malloc((size_t)B * sizeof *qn);
    double *S = malloc((size_t)B * (size_t)n * sizeof *S);
    double *best = malloc((size_t)n * sizeof *best);   /* n >= k */
    cand *c = malloc((size_t)n * sizeof *c);
    int *lab = malloc((size_t)k * sizeof *lab);
    int *cnt = malloc((size_t)k * sizeof *cnt);
    double *near = malloc((size_t)k * sizeof *near);
    if (!mu || !Xa || !Qa || !qn || !S || !best || !c || !lab || !cnt || !near)
        goto out;

    /* Xa = [X - mean, ||x - mean||^2]: shifted by the training mean */
    for (int j = 0; j < n; j++)
        for (int l = 0; l < d; l++)
            mu[l] += X[(size_t)j * d + l];
    for (int l = 0; l < d; l++)
        mu[l] /= n;
    double xmax = 0.0;
    for (int j = 0; j < n; j++) {
        const double *x = X + (size_t)j * d;
        double *xa = Xa + (size_t)j * D;
        double s = 0.0;
        for (int l = 0; l < d; l++) {
            xa[l] = x[l] - mu[l];
            s += xa[l] * xa[l];
        }
        xa[d] = s;
        if (s > xmax)
            xmax = s;
    }
    const double rel = 4.0 * (d + 4) * DBL_EPSILON;

    for (int i0 = 0; i0 < m; i0 += B) {
        const int bm = m - i0 < B ? m - i0 : B;
        /* Qa = [-2 (q - mean), 1], so Qa Xa^T = ||x - q||^2 - ||q - mean||^2 */
        for (int r = 0; r < bm; r++) {
            const double *q = Q + (size_t)(i0 + r) * d;
            double *qa = Qa + (size_t)r * D;
            double s = 0.0;
            for (int l = 0; l < d; l++) {
                const double t = q[l] - mu[l];
                qa[l] = -2.0 * t;
                s += t * t;
            }
            qa[d] = 1.0;
            qn[r] = s;
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, bm, n, D, 1.0,
                    Qa, D, Xa, D, 0.0, S, n);
        for (int r = 0; r < bm; r++) {
            const double *s = S + (size_t)r * n;

            /* candidates: within twice the rounding bound of the k-th */
            const double cut = kth_smallest(s, n, k, best) + 2.0 * rel * (qn[r] + xmax);
            /* re-measured on the raw coordinates, as exact as it gets */
            const double *q = Q + (size_t)(i0 + r) * d;
            int nc = 0;
            for (int j0 = 0; j0 < n; j0 += 8) {
                const int j1 = j0 + 8 <= n ? j0 + 8 : n;
                if (j1 - j0 == 8 && min8(s + j0) > cut)
                    continue;
                for (int j = j0; j < j1; j++) {
                    if (s[j] > cut)
                        continue;
                    const double *x = X + (size_t)j * d;
                    double e = 0.0;
                    for (int l = 0; l < d; l++) {
                        const double t = x[l] - q[l];
                        e += t * t;
                    }
                    c[nc].dist = e;
                    c[nc++].idx = j;
                }
            }
            qsort(c, (size_t)nc, sizeof *c, cand_cmp);
            pred[i0 + r] = vote(c, k, y, lab, cnt, near);
        }
    }
out:
    free(mu);
    free(Xa);
    free(Qa);
    free(qn);
    free(S);
    free(best);
    free(c);
    free(lab);
    free(cnt);
    free(near);
}
