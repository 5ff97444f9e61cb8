/* Model answer: a label encoder for string categories, with code 0 for
 * <UNKNOWN>. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    int k;          /* known categories: codes 1..k */
    char **cats;    /* cats[c - 1] is the category of code c, in strcmp order;
                       copies owned by the encoder */
};

static int by_strcmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void label_encoder_free(label_encoder *enc)
{
    if (!enc)
        return;
    for (int c = 0; c < enc->k; c++)
        free(enc->cats[c]);
    free(enc->cats);
    free(enc);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *enc = calloc(1, sizeof *enc);
    const char **sorted = malloc(sizeof *sorted * n);
    if (!enc || !sorted || !(enc->cats = malloc(sizeof *enc->cats * n)))
        goto fail;    /* out of memory */
    /* sorted, each distinct string is the first of its run; copied, since
     * the caller may free labels once fit returns */
    memcpy(sorted, labels, sizeof *sorted * n);
    qsort(sorted, n, sizeof *sorted, by_strcmp);
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(sorted[i], sorted[i - 1]) != 0) {
            if (!(enc->cats[enc->k] = strdup(sorted[i])))
                goto fail;    /* out of memory */
            enc->k++;
        }
    free(sorted);
    return enc;
fail:
    free(sorted);
    label_encoder_free(enc);    /* out of memory */
    return NULL;    /* out of memory */
}

/* The code of s: a binary search finds the first category >= s, which is
 * s's only if the two are equal; an unseen category gets 0. */
static int lookup(const label_encoder *enc, const char *s)
{
    int lo = 0, hi = enc->k;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(enc->cats[mid], s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
#if MISTAKE(unseen_as_neighbour)
    return lo < enc->k ? lo + 1 : enc->k;
#else
    return lo < enc->k && strcmp(enc->cats[lo], s) == 0 ? lo + 1 : 0;
#endif
}

void label_encoder_transform(const label_encoder *enc, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++)
#if MISTAKE(zero_based_codes)
        codes[i] = lookup(enc, labels[i]) - 1;
#else
        codes[i] = lookup(enc, labels[i]);
#endif
}

void label_encoder_inverse(const label_encoder *enc, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++) {
#if MISTAKE(zero_based_codes)
        int c = codes[i] + 1;
#else
        int c = codes[i];
#endif
        if (c == 0)
            labels[i] = "<UNKNOWN>";
        else if (c >= 1 && c <= enc->k)    /* (c == 0 is answered above) */
            labels[i] = enc->cats[c - 1];
        else
            labels[i] = NULL;
    }
}
