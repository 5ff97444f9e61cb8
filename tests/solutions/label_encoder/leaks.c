/* expect: status=graded correctness=pass organization=fail */
/* Right answers, but label_encoder_free releases the array of categories
 * and the struct, not the strdup'ed strings themselves: every fit/free
 * cycle leaks k strings. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    char **cats;
    int k;
};

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *enc = malloc(sizeof *enc);
    const char **tmp = malloc(sizeof(char *) * n);
    memcpy(tmp, labels, sizeof(char *) * n);
    qsort(tmp, n, sizeof(char *), cmp);
    enc->cats = malloc(sizeof(char *) * n);
    enc->k = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(tmp[i], tmp[i - 1]) != 0)
            enc->cats[enc->k++] = strdup(tmp[i]);
    free(tmp);
    return enc;
}

void label_encoder_transform(const label_encoder *enc, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++) {
        char **hit = bsearch(&labels[i], enc->cats, enc->k, sizeof(char *), cmp);
        codes[i] = hit ? (int)(hit - enc->cats) + 1 : 0;
    }
}

void label_encoder_inverse(const label_encoder *enc, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++)
        labels[i] = codes[i] == 0 ? "<UNKNOWN>"
                  : (codes[i] > 0 && codes[i] <= enc->k) ? enc->cats[codes[i] - 1] : NULL;
}

void label_encoder_free(label_encoder *enc)
{
    if (!enc)
        return;
    free(enc->cats);    /* the strings themselves are never freed */
    free(enc);
}
