/* expect: status=graded correctness=pass organization=fail */
/* says: */
/* Right answers, and each encoder in an anonymous mmap that _free never
 * unmaps: the leak check once counted only malloc and friends. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
    /* the encoder lives in a page of its own, which free never returns */
    label_encoder *enc = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (enc == MAP_FAILED)
        enc = NULL;
    if (!tmp || !enc) {
        free(tmp);
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
        else
            labels[i] = NULL;
    }
}

void label_encoder_free(label_encoder *enc)
{
    if (!enc)
        return;
    for (int i = 0; i < enc->k; i++)
        free(enc->cats[i]);
    free(enc->cats);
}
