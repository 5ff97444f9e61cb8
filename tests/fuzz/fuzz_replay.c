/* A bounded fuzz run for the test suite, without libFuzzer: every seed
 * spec as it is, then deterministic mutations of them (bytes flipped,
 * ranges deleted or repeated, numbers and tokens swapped for extreme
 * ones) until the time is up.  With ASan and UBSan, as the test suite
 * builds, a crash, leak or undefined behaviour on any input fails the test.
 * Usage: fuzz_replay SECONDS PATH...  (directories: their *.json files;
 * files: as they are, e.g. inputs libFuzzer once crashed on) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_spec.h"
#include "util/util.h"

typedef struct input {
    char *name;
    uint8_t *data;
    size_t size;
} input;

/* xorshift64*: the mutations are the same on every run (FUZZ_SEED changes them). */
static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static const char *const tokens[] = {
    "0", "-1", "1e308", "-1e308", "1e-320", "2147483648", "9007199254740993", "\"nan\"",
    "\"inf\"", "\"-inf\"", "null", "true", "[]", "{}", "[[]]", "\"\"", "\"n*n*n*n\"",
    "\"1/0\"", "\"0%0\"", "\"max(\"", "\"n-n-1\"", "\"sqrt(-1)\"", "\"x\"", "\"n\"",
    "{\"gen\": \"blobs\", \"centers\": 1e9}", "{\"gen\": \"words\", \"vocab\": 1e9}",
    "{\"gen\": \"labels\", \"classes\": 0}", "{\"literal\": [[[[1]]]]}", "\"double[]\"",
    "\"handle\"", "\"inout\"", ",", ":", "\"", "\\u0000", "[", "{",
};

/* One mutation of buf (len bytes, capacity cap) in place; returns the new length. */
static size_t mutate(uint8_t *buf, size_t len, size_t cap, uint64_t *s)
{
    if (len == 0)
        return 0;
    size_t at = next(s) % len;
    switch (next(s) % 6) {
    case 0:    /* flip a byte */
        buf[at] ^= (uint8_t)(1u << (next(s) % 8));
        return len;
    case 1: {    /* delete a range */
        size_t n = 1 + next(s) % (len - at < 64 ? len - at : 64);
        memmove(buf + at, buf + at + n, len - at - n);
        return len - n;
    }
    case 2: {    /* repeat a range */
        size_t n = 1 + next(s) % (len - at < 64 ? len - at : 64);
        if (len + n > cap)
            return len;
        memmove(buf + at + n, buf + at, len - at);
        return len + n;
    }
    case 3:      /* truncate */
        return at;
    default: {   /* a token in place of a number or a string, or just inserted */
        const char *t = tokens[next(s) % (sizeof tokens / sizeof tokens[0])];
        size_t tl = strlen(t), end = at;
        if (buf[at] == '"') {
            for (end = at + 1; end < len && buf[end] != '"'; end++)
                ;
            end = end < len ? end + 1 : at;
        } else {
            while (end < len && (buf[end] == '-' || buf[end] == '.' || buf[end] == 'e' ||
                                 (buf[end] >= '0' && buf[end] <= '9')))
                end++;
        }
        if (len - (end - at) + tl > cap)
            return len;
        memmove(buf + at + tl, buf + end, len - end);
        memcpy(buf + at, t, tl);
        return len - (end - at) + tl;
    }
    }
}

static void add_file(input **in, int *n, const char *path)
{
    md_err err;
    size_t len;
    char *text = file_read(path, &len, &err);
    if (!text) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    *in = xrealloc(*in, sizeof(input) * (size_t)(*n + 1));
    (*in)[(*n)++] = (input){xstrdup(path), (uint8_t *)text, len};
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: fuzz_replay SECONDS PATH...\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    input *in = NULL;
    int n = 0;
    for (int i = 2; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            if (file_exists(argv[i]))
                add_file(&in, &n, argv[i]);
            continue;
        }
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 5 && strcmp(de->d_name + l - 5, ".json") == 0) {
                char *p = path_join(argv[i], de->d_name);
                add_file(&in, &n, p);
                free(p);
            }
        }
        closedir(d);
    }
    if (n == 0 || fuzz_spec_init() != 0) {
        fprintf(stderr, "fuzz_replay: no seeds, or no scratch directory\n");
        return 1;
    }
    /* the seeds themselves */
    int loaded = 0;
    long runs = 0, ok = 0;
    for (int i = 0; i < n; i++) {
        loaded += fuzz_spec_one(in[i].data, in[i].size);
        runs++;
    }
    /* then mutations until the time is up */
    const char *env = getenv("FUZZ_SEED");
    uint64_t s = env ? strtoull(env, NULL, 10) | 1 : 0x9e3779b97f4a7c15ULL;
    printf("%d seeds (%d load as they are); mutating with FUZZ_SEED=%llu for %.0f s\n", n,
           loaded, (unsigned long long)s, seconds);
    fflush(stdout);
    double t0 = now_seconds();
    while (now_seconds() - t0 < seconds) {
        const input *src = &in[runs % n];
        size_t cap = src->size + 4096;
        uint8_t *buf = xmalloc(cap);
        memcpy(buf, src->data, src->size);
        size_t len = src->size;
        int k = 1 + (int)(next(&s) % 4);
        for (int m = 0; m < k; m++)
            len = mutate(buf, len, cap, &s);
        ok += fuzz_spec_one(buf, len);
        runs++;
        free(buf);
    }
    printf("%ld inputs in %.1f s: %ld mutated specs still loaded, the rest were refused; "
           "no crash\n", runs, now_seconds() - t0, ok);
    for (int i = 0; i < n; i++) {
        free(in[i].name);
        free(in[i].data);
    }
    free(in);
    return 0;
}
