/* expect: status=graded passed=no correctness=fail mistake=unseen_as_neighbour */
/* A hand-written lower-bound binary search that returns where the label
 * would go, and uses that position as its code without checking that the
 * category there is the label: unseen labels get a neighbour's code. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    int k;
    char **cat;
};

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *e = malloc(sizeof *e);
    const char **sorted = malloc(sizeof(char *) * n);
    memcpy(sorted, labels, sizeof(char *) * n);
    qsort(sorted, n, sizeof(char *), by_str);
    e->cat = malloc(sizeof(char *) * n);
    e->k = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(sorted[i], sorted[i - 1]))
            e->cat[e->k++] = strdup(sorted[i]);
    free(sorted);
    return e;
}

void label_encoder_transform(const label_encoder *e, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++) {
        int lo = 0, hi = e->k - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (strcmp(e->cat[mid], labels[i]) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        codes[i] = lo + 1;
    }
}

void label_encoder_inverse(const label_encoder *e, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++)
        labels[i] = codes[i] == 0 ? "<UNKNOWN>"
                  : (codes[i] > 0 && codes[i] <= e->k) ? e->cat[codes[i] - 1] : NULL;
}

void label_encoder_free(label_encoder *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->k; i++)
        free(e->cat[i]);
    free(e->cat);
    free(e);
}
