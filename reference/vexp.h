/* vexp.h — exp eight lanes at a time, for references whose time is all
 * exp (softmax, log-sum-exp).  libm's exp is scalar; this evaluates it
 * with GCC vector extensions: range reduction to r = x - k ln2 with
 * |r| <= ln2/2, a degree-13 Taylor polynomial, and scaling by 2^k through
 * the exponent bits, within 1 ulp of libm on [-708, 0].  Include it in a
 * function compiled with target_clones("avx512f", "avx2", "default") so
 * the loader picks the widest vectors the CPU has.  That is what NumPy's
 * exp does. */
#ifndef MLDRILL_REFERENCE_VEXP_H
#define MLDRILL_REFERENCE_VEXP_H

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

#endif
