/* Mistake variant tree_split/natural_log.
 *
 * entropy uses the natural log instead of log2: every entropy and gain
 * is ln 2 times the right one (the chosen split is the same).
 *
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Gains closer than this are ties, so that rounding (which differs between
 * correct formulas) never decides between equally good splits. */
#define TIE_EPS 1e-12

typedef struct scratch {
    uint64_t *key, *key2;    /* sort keys, ping-pong buffers */
    int *lab, *lab2;         /* labels travelling with the keys */
    int *left, *total;       /* class counts */
    double *klogk;           /* k log2 k for k = 0..n (entropy) */
} scratch;

/* Order-preserving map from doubles to unsigned integers (-0 as +0). */
static uint64_t key_of(double x)
{
    uint64_t u;
    if (x == 0.0)
        x = 0.0;
    memcpy(&u, &x, sizeof u);
    return (u >> 63) ? ~u : u | 0x8000000000000000ULL;
}

static double value_of(uint64_t k)
{
    uint64_t u = (k >> 63) ? k & 0x7fffffffffffffffULL : ~k;
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* Sorts s->key[0..n) with s->lab alongside; the result is in s->key/lab. */
static void radix_sort(scratch *s, int n)
{
    size_t hist[8][256];
    memset(hist, 0, sizeof hist);
    for (int i = 0; i < n; i++) {
        uint64_t k = s->key[i];
        for (int p = 0; p < 8; p++)
            hist[p][(k >> (8 * p)) & 0xff]++;
    }
    for (int p = 0; p < 8; p++) {
        size_t *h = hist[p];
        /* a digit that is the same for every key does not reorder anything */
        if (h[(s->key[0] >> (8 * p)) & 0xff] == (size_t)n)
            continue;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        for (int i = 0; i < n; i++) {
            uint64_t k = s->key[i];
            size_t at = h[(k >> (8 * p)) & 0xff]++;
            s->key2[at] = k;
            s->lab2[at] = s->lab[i];
        }
        uint64_t *tk = s->key;
        s->key = s->key2;
        s->key2 = tk;
        int *tl = s->lab;
        s->lab = s->lab2;
        s->lab2 = tl;
    }
}

/* sum_c f(count_c) for the impurity of a set, up to the affine map below:
 * gini uses sum_c count_c^2, entropy sum_c count_c log2 count_c. */
static double class_sum(const int *cnt, int C, const double *klogk)
{
    double s = 0.0;
    if (klogk)
        for (int c = 0; c < C; c++)
            s += klogk[cnt[c]];
    else
        for (int c = 0; c < C; c++)
            s += (double)cnt[c] * (double)cnt[c];
    return s;
}

/* n times the impurity of a set of m samples whose class sum is q, for a
 * weight of m/n: gini m - q/m, entropy m log2 m - q. */
static double weighted(int m, double q, const double *klogk)
{
    if (m == 0)
        return 0.0;
    return klogk ? klogk[m] - q : (double)m - q / m;
}

int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    if (threshold)
        *threshold = 0.0;
    if (gain)
        *gain = 0.0;
    if (!X || !y || !criterion || !threshold || !gain || n < 1 || d < 1 ||
        n_classes < 1)
        return -1;
    const int entropy = strcmp(criterion, "entropy") == 0;
    if (!entropy && strcmp(criterion, "gini") != 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= n_classes)
            return -1;
    if (n < 2)
        return -1;

    scratch s;
    s.key = malloc((size_t)n * sizeof *s.key);
    s.key2 = malloc((size_t)n * sizeof *s.key2);
    s.lab = malloc((size_t)n * sizeof *s.lab);
    s.lab2 = malloc((size_t)n * sizeof *s.lab2);
    s.left = calloc((size_t)n_classes, sizeof *s.left);
    s.total = calloc((size_t)n_classes, sizeof *s.total);
    s.klogk = entropy ? malloc(((size_t)n + 1) * sizeof *s.klogk) : NULL;
    int best_j = -1;
    if (!s.key || !s.key2 || !s.lab || !s.lab2 || !s.left || !s.total ||
        (entropy && !s.klogk))
        goto out;
    if (entropy) {
        s.klogk[0] = 0.0;
        for (int k = 1; k <= n; k++)
            s.klogk[k] = k * log((double)k);    /* the mistake: nats */
    }
    const double *T = s.klogk;
    for (int i = 0; i < n; i++)
        s.total[y[i]]++;
    const double parent = weighted(n, class_sum(s.total, n_classes, T), T) / n;

    /* candidates in (feature, threshold) order; a later one replaces the
     * best only when its gain is larger by more than TIE_EPS */
    double best = -INFINITY, best_t = 0.0;
    for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++) {
            s.key[i] = key_of(X[(size_t)i * d + j]);
            s.lab[i] = y[i];
        }
        radix_sort(&s, n);
        memset(s.left, 0, (size_t)n_classes * sizeof *s.left);
        for (int i = 0; i + 1 < n; i++) {
            s.left[s.lab[i]]++;
            if (s.key[i] == s.key[i + 1])
                continue;            /* not a boundary between distinct values */
            const int nl = i + 1, nr = n - nl;
            double ql = 0.0, qr = 0.0;
            for (int c = 0; c < n_classes; c++) {
                const int l = s.left[c], r = s.total[c] - l;
                if (T) {
                    ql += T[l];
                    qr += T[r];
                } else {
                    ql += (double)l * l;
                    qr += (double)r * r;
                }
            }
            const double child = weighted(nl, ql, T) + weighted(nr, qr, T);
            const double g = parent - child / n;
            if (g > best + TIE_EPS) {
                best = g;
                best_j = j;
                best_t = 0.5 * value_of(s.key[i]) + 0.5 * value_of(s.key[i + 1]);
            }
        }
    }
    if (best_j >= 0) {
        *threshold = best_t;
        *gain = best;
    }
out:
    free(s.key);
    free(s.key2);
    free(s.lab);
    free(s.lab2);
    free(s.left);
    free(s.total);
    free(s.klogk);
    return best_j;
}
