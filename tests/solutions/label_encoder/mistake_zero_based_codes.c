/* expect: status=graded passed=no correctness=fail mistake=zero_based_codes */
/* Numbers the sorted categories from 0 like an array index and marks unseen
 * labels with -1 ("0 is a valid index, so unknown must be negative"); the
 * task reserves 0 for <UNKNOWN>. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    char **names;
    int count;
};

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n <= 0)
        return NULL;
    label_encoder *m = malloc(sizeof *m);
    char **all = malloc(n * sizeof(char *));
    for (int i = 0; i < n; i++)
        all[i] = (char *)labels[i];
    qsort(all, n, sizeof(char *), compare);
    m->names = malloc(n * sizeof(char *));
    m->count = 0;
    for (int i = 0; i < n; i++)
        if (m->count == 0 || strcmp(m->names[m->count - 1], all[i]) != 0)
            m->names[m->count++] = strdup(all[i]);
    free(all);
    return m;
}

static int index_of(const label_encoder *m, const char *s)
{
    int lo = 0, hi = m->count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(m->names[mid], s);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

void label_encoder_transform(const label_encoder *m, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++)
        codes[i] = index_of(m, labels[i]);
}

void label_encoder_inverse(const label_encoder *m, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++) {
        if (codes[i] == -1)
            labels[i] = "<UNKNOWN>";
        else if (codes[i] >= 0 && codes[i] < m->count)
            labels[i] = m->names[codes[i]];
        else
            labels[i] = NULL;
    }
}

void label_encoder_free(label_encoder *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->count; i++)
        free(m->names[i]);
    free(m->names);
    free(m);
}
