/* Mistake variant label_encoder/first_seen_order: each new string gets the
 * next code as it is met, so the codes follow the order of the training
 * data, not strcmp order. A whole file: without the sort the model's binary
 * search has nothing to search, so finding a category is a scan here. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    int k;          /* codes 1..k */
    char **cats;    /* cats[c - 1]: the category of code c, in order met */
};

static int find(const label_encoder *enc, const char *s)
{
    for (int c = 0; c < enc->k; c++)
        if (strcmp(enc->cats[c], s) == 0)
            return c + 1;
    return 0;
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
    if (!enc || !(enc->cats = malloc(sizeof *enc->cats * n)))
        goto fail;
    for (int i = 0; i < n; i++)
        if (!find(enc, labels[i])) {
            if (!(enc->cats[enc->k] = strdup(labels[i])))
                goto fail;
            enc->k++;
        }
    return enc;
fail:
    label_encoder_free(enc);
    return NULL;
}

void label_encoder_transform(const label_encoder *enc, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++)
        codes[i] = find(enc, labels[i]);
}

void label_encoder_inverse(const label_encoder *enc, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++) {
        int c = codes[i];
        labels[i] = c == 0 ? "<UNKNOWN>" : c >= 1 && c <= enc->k ? enc->cats[c - 1] : NULL;
    }
}
