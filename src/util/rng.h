/* rng — a small seeded random number generator (xoshiro256**, seeded by
 * splitmix64) so that case inputs are reproducible from a seed on every
 * machine, independent of libc's rand(). */
#ifndef MLDRILL_RNG_H
#define MLDRILL_RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
double rng_uniform(rng *r);                 /* [0, 1) */
double rng_normal(rng *r);                  /* standard normal */
long long rng_below(rng *r, long long n);   /* [0, n), n > 0 */

/* A seed from the operating system (getrandom), for hidden cases. */
uint64_t rng_os_seed(void);

#endif
