/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: inverse leaves the label of an out-of-range code alone, as if
 * the caller's array held NULLs already; it must write NULL there.  (The
 * runner once started string outputs as NULL pointers, so this passed.) */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    char **cats;    /* sorted, distinct; code = index + 1 */
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
    const char **tmp = malloc(sizeof(char *) * n);
    label_encoder *enc = malloc(sizeof *enc);
    if (!tmp || !enc) {
        free(tmp);
        free(enc);
        return NULL;
    }
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
    for (int i = 0; i < n; i++) {
        if (codes[i] == 0)
            labels[i] = "<UNKNOWN>";
        else if (codes[i] > 0 && codes[i] <= enc->k)
            labels[i] = enc->cats[codes[i] - 1];
        /* (a code outside 0..k: nothing written, "it is NULL already") */
    }
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
