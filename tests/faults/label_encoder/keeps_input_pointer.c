/* expect: status=graded passed=no case=crash */
/* says: kept a pointer into input train from an earlier call */
/* fit keeps pointers to the caller's strings instead of copies, and
 * transform compares against them later: the caller may have freed or
 * reused them by then.  Between calls the runner makes the inputs a call
 * is not given inaccessible, so the first such use faults. */
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
            enc->cats[enc->k++] = (char *)tmp[i];    /* the caller's string */
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
    free(enc->cats);
    free(enc);
}
