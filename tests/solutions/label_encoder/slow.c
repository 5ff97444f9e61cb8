/* expect: status=graded correctness=pass vectorization=fail organization=pass */
/* Correct, but every lookup is a linear scan over the categories: fit checks
 * each label against all categories found so far, and transform scans the
 * whole list per label -- O(n k) string comparisons instead of O(n log k). */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    char **cats;
    int k;
};

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int position(char *const *cats, int k, const char *s)
{
    for (int i = 0; i < k; i++) /* hot */
        if (strcmp(cats[i], s) == 0)
            return i;
    return -1;
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *e = malloc(sizeof *e);
    e->cats = malloc(sizeof(char *) * n);
    e->k = 0;
    for (int i = 0; i < n; i++)
        if (position(e->cats, e->k, labels[i]) < 0)
            e->cats[e->k++] = strdup(labels[i]);
    qsort(e->cats, e->k, sizeof(char *), by_str);
    return e;
}

void label_encoder_transform(const label_encoder *e, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++)
        codes[i] = position(e->cats, e->k, labels[i]) + 1;
}

void label_encoder_inverse(const label_encoder *e, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++)
        labels[i] = codes[i] == 0 ? "<UNKNOWN>"
                  : (codes[i] > 0 && codes[i] <= e->k) ? e->cats[codes[i] - 1] : NULL;
}

void label_encoder_free(label_encoder *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->k; i++)
        free(e->cats[i]);
    free(e->cats);
    free(e);
}
