/* Reference: row-wise softmax of the n-by-k row-major matrix Z into P.
 *
 * Numerically stable: each row is shifted by its maximum before exp, so the
 * largest exponent is exp(0) = 1 and nothing overflows; the row sum is then
 * at least 1, so the division is safe.  Three passes per row (max, exp and
 * sum, scale), no allocation.  P may not alias Z.
 *
 * Speed: almost all the time is n*k calls of exp.  libm's exp is scalar,
 * so the row kernel evaluates exp eight lanes at a time with GCC vector
 * extensions (range reduction to r = x - k ln2 with |r| <= ln2/2, a
 * degree-13 Taylor polynomial, scaling by 2^k through the exponent bits:
 * within 1 ulp of libm on [-708, 0]), and is compiled for AVX-512, AVX2
 * and baseline x86-64, the loader picking the best the CPU has
 * (target_clones).  That is what NumPy's exp does; a learner's libm exp
 * is about 3x slower, which the challenge's full_ratio allows for. */
#include <math.h>
#include <stddef.h>
#include <string.h>

typedef double v8d __attribute__((vector_size(64)));
typedef long long v8i __attribute__((vector_size(64)));

/* every lane equal to a */
#define SPLAT(a) ((v8d){(a), (a), (a), (a), (a), (a), (a), (a)})
/* lane-wise mask ? a : b, mask lanes all ones or all zeros */
#define SELECT(mask, a, b) ((v8d)(((v8i)(a) & (mask)) | ((v8i)(b) & ~(mask))))

/* exp(x) for x <= 0 (any finite value or -inf); 0 below -708, where the
 * true value is subnormal and irrelevant to a probability */
static inline __attribute__((always_inline)) void vexp(v8d *px)
{
    v8d x = *px;
    const v8d shifter = SPLAT(0x1.8p52);                 /* rounds to integers */
    const v8i under = x < SPLAT(-708.0);
    x = SELECT(under, SPLAT(-708.0), x);
    const v8d t = x * SPLAT(1.4426950408889634) + shifter;
    const v8d k = t - shifter;                           /* round(x / ln 2) */
    v8d r = x - k * SPLAT(0x1.62e42fee00000p-1);        /* ln 2, high part */
    r = r - k * SPLAT(0x1.a39ef35793c76p-33);           /* ln 2, low part */
    v8d p = SPLAT(1.0 / 6227020800.0);                  /* 1/13! */
    p = p * r + SPLAT(1.0 / 479001600.0);
    p = p * r + SPLAT(1.0 / 39916800.0);
    p = p * r + SPLAT(1.0 / 3628800.0);
    p = p * r + SPLAT(1.0 / 362880.0);
    p = p * r + SPLAT(1.0 / 40320.0);
    p = p * r + SPLAT(1.0 / 5040.0);
    p = p * r + SPLAT(1.0 / 720.0);
    p = p * r + SPLAT(1.0 / 120.0);
    p = p * r + SPLAT(1.0 / 24.0);
    p = p * r + SPLAT(1.0 / 6.0);
    p = p * r + SPLAT(0.5);
    p = p * r + SPLAT(1.0);
    p = p * r + SPLAT(1.0);
    const v8i ki = (v8i)t - (v8i)shifter;               /* k as an integer */
    const v8d scale = (v8d)((ki + 1023) << 52);          /* 2^k */
    *px = (v8d)((v8i)(p * scale) & ~under);
}

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
