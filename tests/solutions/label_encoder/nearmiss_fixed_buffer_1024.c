/* expect: status=graded passed=no correctness=fail mistake=none */
/* The hash-table encoder with each category copied into a fixed 1024-byte
 * field, safely truncated by snprintf: enough for the 261-byte labels of
 * "labels longer than 256 bytes", but a label of 2101 bytes is stored cut
 * short, so it is never found again, and two long labels that differ only
 * after byte 1023 share one code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct node {
    struct node *next;
    int code;
    char s[1024];    /* the category, owned by the node */
} node;

struct label_encoder {
    node **bucket;
    size_t nb;          /* a power of two */
    node **by_code;     /* by_code[c - 1] */
    int k;
};

static size_t djb2(const char *s)
{
    size_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static node *find(const label_encoder *e, const char *s)
{
    for (node *p = e->bucket[djb2(s) & (e->nb - 1)]; p; p = p->next)
        if (strcmp(p->s, s) == 0)
            return p;
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(node *const *)a)->s, (*(node *const *)b)->s);
}

void label_encoder_free(label_encoder *e)
{
    if (!e)
        return;
    for (size_t b = 0; b < e->nb; b++)
        for (node *p = e->bucket[b], *q; p; p = q) {
            q = p->next;
            free(p);
        }
    free(e->bucket);
    free(e->by_code);
    free(e);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->nb = 64;
    while (e->nb < (size_t)n)
        e->nb *= 2;
    e->bucket = calloc(e->nb, sizeof(node *));
    e->by_code = malloc(sizeof(node *) * n);
    if (!e->bucket || !e->by_code) {
        label_encoder_free(e);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        if (find(e, labels[i]))
            continue;
        node *p = malloc(sizeof(node));
        if (!p) {
            label_encoder_free(e);
            return NULL;
        }
        snprintf(p->s, sizeof p->s, "%s", labels[i]);    /* never overflows */
        size_t b = djb2(p->s) & (e->nb - 1);
        p->next = e->bucket[b];
        e->bucket[b] = p;
        e->by_code[e->k++] = p;
    }
    qsort(e->by_code, e->k, sizeof(node *), by_name);
    for (int c = 0; c < e->k; c++)
        e->by_code[c]->code = c + 1;
    return e;
}

void label_encoder_transform(const label_encoder *e, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++) {
        const node *p = find(e, labels[i]);
        codes[i] = p ? p->code : 0;
    }
}

void label_encoder_inverse(const label_encoder *e, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++) {
        int c = codes[i];
        labels[i] = c == 0 ? "<UNKNOWN>" : (c > 0 && c <= e->k) ? e->by_code[c - 1]->s : NULL;
    }
}
