/* Reference: row-wise log-sum-exp and the mean cross-entropy.
 *
 *   lse[i] = log sum_j exp(Z[i][j]) = m_i + log sum_j exp(Z[i][j] - m_i),
 *            m_i = max_j Z[i][j]
 *   CE     = (1/n) sum_i (lse[i] - Z[i][y[i]])     (returned)
 *
 * The shift by the row maximum makes the largest term exp(0) = 1: nothing
 * overflows, the sum is at least 1 so its log is finite, and the loss is
 * taken in log space, so a true class with a tiny probability gives a large
 * finite loss instead of -log(0) = inf.  Two passes per row, no
 * allocation; the exponentials are evaluated eight lanes at a time
 * (vexp.h), which is where the time goes.  Returns NaN for n < 1 or
 * k < 1. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "vexp.h"

__attribute__((target_clones("avx512f", "avx2", "default")))
static double row_lse(const double *z, int k)
{
    const int k8 = k & ~7;
    /* the row maximum (exact in any order) */
    v8d vm = SPLAT(z[0]);
    for (int j = 0; j < k8; j += 8) {
        v8d v;
        memcpy(&v, z + j, sizeof v);
        vm = SELECT(v > vm, v, vm);
    }
    double m = vm[0];
    for (int l = 1; l < 8; l++)
        m = vm[l] > m ? vm[l] : m;
    for (int j = k8; j < k; j++)
        m = z[j] > m ? z[j] : m;

    /* sum of exp(z - m) */
    const v8d vmax = SPLAT(m);
    v8d acc = SPLAT(0.0);
    for (int j = 0; j < k8; j += 8) {
        v8d v;
        memcpy(&v, z + j, sizeof v);
        v -= vmax;
        vexp(&v);
        acc += v;
    }
    if (k8 < k) {
        v8d v = SPLAT(-INFINITY);
        for (int j = k8; j < k; j++)
            v[j - k8] = z[j] - m;
        vexp(&v);
        acc += v;
    }
    double s = 0.0;
    for (int l = 0; l < 8; l++)
        s += acc[l];
    return m + log(s);
}

double logsumexp_ce(const double *Z, const int *y, int n, int k, double *lse)
{
    if (n < 1 || k < 1)
        return NAN;
    double total = 0.0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * (size_t)k;
        lse[i] = row_lse(z, k);
        total += lse[i] - z[y[i]];
    }
    return total / n;
}
