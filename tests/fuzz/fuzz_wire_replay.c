/* A bounded fuzz run of the runner-message reader for the test suite,
 * without libFuzzer: the seed inputs of tests/fuzz/wire/ as they are,
 * then inputs made from them by deterministic mutations (bytes flipped,
 * messages swapped for random or boundary ones, samples set to extreme
 * values) until the time is up.  With ASan and UBSan, as the test suite
 * builds, a crash, an overflow or a broken invariant fails the test.
 * Usage: fuzz_wire_replay SECONDS DIR */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_wire.h"
#include "run/plan.h"
#include "util/util.h"

static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Values a forged field likes to take. */
static const int32_t extremes[] = {0, 1, -1, 2, 3, 4, 7, 8, 15, 16, 255, 256, 65535, 65536,
                                   1000000, 0x7fffffff, (int32_t)0x80000000};

static void put32(uint8_t *p, int32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)((uint32_t)v >> (8 * i));
}

static void mutate(uint8_t *buf, size_t len, uint64_t *s)
{
    size_t at = next(s) % len;
    switch (next(s) % 4) {
    case 0:
        buf[at] ^= (uint8_t)(1u << (next(s) % 8));
        break;
    case 1:
        buf[at] = (uint8_t)next(s);
        break;
    case 2:
        if (at + 4 <= len)
            put32(buf + at, extremes[next(s) % (sizeof extremes / sizeof extremes[0])]);
        break;
    default: {    /* a double among the samples: huge, NaN, negative */
        static const double d[] = {1e308, -1, 0, 1e-300, 5e-3, 1e6, 1e7};
        if (at + 8 <= len)
            memcpy(buf + at, &d[next(s) % 7], 8);
        break;
    }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: fuzz_wire_replay SECONDS DIR\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    uint8_t *seeds[64];
    size_t sizes[64];
    int n = 0;
    DIR *d = opendir(argv[2]);
    struct dirent *de;
    while (d && (de = readdir(d)) && n < 64) {
        if (de->d_name[0] == '.')
            continue;
        char *p = path_join(argv[2], de->d_name);
        seeds[n] = (uint8_t *)file_read(p, &sizes[n], NULL);
        n += seeds[n] != NULL;
        free(p);
    }
    if (d)
        closedir(d);
    if (n == 0) {
        fprintf(stderr, "fuzz_wire_replay: no seeds in %s\n", argv[2]);
        return 1;
    }
    long runs = 0, accepted = 0;
    for (int i = 0; i < n; i++, runs++)
        accepted += fuzz_wire_one(seeds[i], sizes[i]);
    const char *env = getenv("FUZZ_SEED");
    uint64_t s = env ? strtoull(env, NULL, 10) | 1 : 0x9e3779b97f4a7c15ULL;
    double t0 = now_seconds();
    size_t cap = 12 + 64 * FUZZ_WIRE_MSG + 8 * sizeof(plan_res);
    uint8_t *buf = xcalloc(1, cap);
    while (now_seconds() - t0 < seconds) {
        int k = (int)(runs % n);
        size_t len = sizes[k] < cap ? sizes[k] : cap;
        memcpy(buf, seeds[k], len);
        if (next(&s) % 4 == 0)    /* grow it to the full size */
            len = cap;
        int m = 1 + (int)(next(&s) % 8);
        for (int i = 0; i < m && len; i++)
            mutate(buf, len, &s);
        accepted += fuzz_wire_one(buf, len);
        runs++;
    }
    printf("%ld inputs in %.1f s (%d seeds, FUZZ_SEED=%s): %ld messages accepted, the "
           "rest refused; no crash, no broken invariant\n",
           runs, now_seconds() - t0, n, env ? env : "default", accepted);
    free(buf);
    for (int i = 0; i < n; i++)
        free(seeds[i]);
    return 0;
}
