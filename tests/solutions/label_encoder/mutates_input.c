/* expect: status=graded passed=no organization=fail */
/* Sorts the caller's array of labels in place to find the distinct ones
 * ("it is only pointers, the strings do not move"), casting away const: the
 * caller's array comes back reordered. */
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
    char **arr = (char **)labels;
    qsort(arr, n, sizeof(char *), cmp);
    label_encoder *enc = malloc(sizeof *enc);
    enc->cats = malloc(sizeof(char *) * n);
    enc->k = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(arr[i], arr[i - 1]) != 0)
            enc->cats[enc->k++] = strdup(arr[i]);
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
    for (int i = 0; i < enc->k; i++)
        free(enc->cats[i]);
    free(enc->cats);
    free(enc);
}
