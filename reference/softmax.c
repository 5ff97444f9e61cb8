/* Reference: row-wise softmax of the n-by-k row-major matrix Z into P.
 *
 * Numerically stable: each row is shifted by its maximum before exp, so the
 * largest exponent is exp(0) = 1 and nothing overflows; the row sum is then
 * at least 1, so the division is safe.  Three passes per row (max, exp and
 * sum, scale), no allocation.  P may not alias Z.
 *
 * Speed: almost all the time is n*k calls of exp, evaluated eight lanes at
 * a time (vexp.h) in a row kernel compiled for AVX-512, AVX2 and baseline
 * x86-64.  A learner's libm exp is about 3x slower, which the challenge's
 * full_ratio allows for. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "vexp.h"

__attribute__((target_clones("avx512f", "avx2", "default")))
static void softmax_row(const double *z, double *p, int k)
{
    const int k8 = k & ~7;
    /* the row maximum */
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

    /* p = exp(z - m) and its sum */
    const v8d vmax = SPLAT(m);
    v8d acc = SPLAT(0.0);
    for (int j = 0; j < k8; j += 8) {
        v8d v;
        memcpy(&v, z + j, sizeof v);
        v -= vmax;
        vexp(&v);
        memcpy(p + j, &v, sizeof v);
        acc += v;
    }
    if (k8 < k) {
        v8d v = SPLAT(-INFINITY);
        for (int j = k8; j < k; j++)
            v[j - k8] = z[j] - m;
        vexp(&v);
        for (int j = k8; j < k; j++)
            p[j] = v[j - k8];
        acc += v;
    }
    double s = 0.0;
    for (int l = 0; l < 8; l++)
        s += acc[l];

    /* normalise */
    const v8d inv = SPLAT(1.0 / s);
    for (int j = 0; j < k8; j += 8) {
        v8d v;
        memcpy(&v, p + j, sizeof v);
        v *= inv;
        memcpy(p + j, &v, sizeof v);
    }
    for (int j = k8; j < k; j++)
        p[j] *= inv[0];
}

void softmax(const double *Z, int n, int k, double *P)
{
    if (n < 1 || k < 1)
        return;
    for (int i = 0; i < n; i++)
        softmax_row(Z + (size_t)i * k, P + (size_t)i * k, k);
}
