/* Mistake variant label_encoder/zero_based_codes.
 *
 * The categories get codes 0..k-1 (their index in sorted order) and an
 * unseen category gets -1, as pandas does; the task reserves 0 for
 * <UNKNOWN> and numbers the categories 1..k.  inverse follows the same
 * scheme (-1 is <UNKNOWN>, 0..k-1 a category, anything else NULL).
 * Everything else is identical to the reference.  The grader runs this
 * variant on the failing cases and names the mistake when the learner's
 * outputs match it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    int k;               /* known categories (codes 1..k) */
    char **names;        /* names[c-1]: category of code c, in strcmp order */
    char *text;          /* the strings, back to back */
    uint32_t mask;       /* table size - 1 (a power of two) */
    int *slot;           /* code per slot, 0 = empty */
    uint64_t *hash;      /* hash of the string in each slot */
};

static const char UNKNOWN[] = "<UNKNOWN>";

/* FNV-1a, 64 bits */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

static uint32_t table_size(int n)
{
    uint32_t m = 16;
    while (m < 2u * (uint32_t)n)
        m <<= 1;
    return m;
}

static int by_strcmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct strings of labels, unsorted, into uniq; returns how many, or
 * -1 without memory. */
static int distinct(const char *const *labels, int n, const char **uniq)
{
    const uint32_t m = table_size(n);
    int *seen = calloc(m, sizeof *seen);        /* index + 1 into labels */
    uint64_t *hs = malloc(m * sizeof *hs);
    if (!seen || !hs) {
        free(seen);
        free(hs);
        return -1;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        const uint64_t h = hash_str(labels[i]);
        uint32_t s = (uint32_t)h & (m - 1);
        while (seen[s] && !(hs[s] == h && strcmp(labels[seen[s] - 1], labels[i]) == 0))
            s = (s + 1) & (m - 1);
        if (!seen[s]) {
            seen[s] = i + 1;
            hs[s] = h;
            uniq[k++] = labels[i];
        }
    }
    free(seen);
    free(hs);
    return k;
}

/* The code of s, or 0. */
static int lookup(const label_encoder *e, const char *s)
{
    const uint64_t h = hash_str(s);
    uint32_t i = (uint32_t)h & e->mask;
    while (e->slot[i]) {
        if (e->hash[i] == h && strcmp(e->names[e->slot[i] - 1], s) == 0)
            return e->slot[i];
        i = (i + 1) & e->mask;
    }
    return 0;
}

void label_encoder_free(label_encoder *e)
{
    if (!e)
        return;
    free(e->names);
    free(e->text);
    free(e->slot);
    free(e->hash);
    free(e);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (!labels || n < 1)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!labels[i])
            return NULL;
    const char **uniq = malloc((size_t)n * sizeof *uniq);
    label_encoder *e = calloc(1, sizeof *e);
    if (!uniq || !e)
        goto fail;
    const int k = distinct(labels, n, uniq);
    if (k < 0)
        goto fail;
    qsort(uniq, (size_t)k, sizeof *uniq, by_strcmp);

    /* copy the strings into one block */
    size_t bytes = 0;
    for (int c = 0; c < k; c++)
        bytes += strlen(uniq[c]) + 1;
    e->k = k;
    e->names = malloc((size_t)k * sizeof *e->names);
    e->text = malloc(bytes);
    e->mask = table_size(k) - 1;
    e->slot = calloc((size_t)e->mask + 1, sizeof *e->slot);
    e->hash = malloc(((size_t)e->mask + 1) * sizeof *e->hash);
    if (!e->names || !e->text || !e->slot || !e->hash)
        goto fail;
    char *p = e->text;
    for (int c = 0; c < k; c++) {
        const size_t len = strlen(uniq[c]) + 1;
        memcpy(p, uniq[c], len);
        e->names[c] = p;
        p += len;

        const uint64_t h = hash_str(e->names[c]);
        uint32_t s = (uint32_t)h & e->mask;
        while (e->slot[s])
            s = (s + 1) & e->mask;
        e->slot[s] = c + 1;
        e->hash[s] = h;
    }
    free(uniq);
    return e;

fail:
    free(uniq);
    label_encoder_free(e);
    return NULL;
}

void label_encoder_transform(const label_encoder *e, const char *const *labels,
                             int n, int *codes)
{
    if (!e || !labels || !codes)
        return;
    for (int i = 0; i < n; i++)
        codes[i] = (labels[i] ? lookup(e, labels[i]) : 0) - 1;    /* MISTAKE: 0-based, -1 unseen */
}

void label_encoder_inverse(const label_encoder *e, const int *codes, int n,
                           const char **labels)
{
    if (!e || !codes || !labels)
        return;
    for (int i = 0; i < n; i++) {
        const int c = codes[i] + 1;    /* MISTAKE: the 0-based scheme */
        labels[i] = c == 0 ? UNKNOWN : c >= 1 && c <= e->k ? e->names[c - 1] : NULL;
    }
}
