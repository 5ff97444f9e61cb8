/* expect: status=graded passed=no correctness=fail mistake=first_seen_order */
/* Gives each new string the next code as it is met ("like a dictionary"),
 * so the codes follow the order of the training data instead of the sorted
 * order the task asks for. */
#include <stdlib.h>
#include <string.h>

struct label_encoder {
    char **vocab;
    int size;
};

static int find(const label_encoder *e, const char *s)
{
    for (int i = 0; i < e->size; i++)
        if (strcmp(e->vocab[i], s) == 0)
            return i + 1;
    return 0;
}

label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    if (n < 1)
        return NULL;
    label_encoder *e = malloc(sizeof *e);
    e->vocab = malloc(sizeof(char *) * n);
    e->size = 0;
    for (int i = 0; i < n; i++)
        if (!find(e, labels[i]))
            e->vocab[e->size++] = strdup(labels[i]);
    return e;
}

void label_encoder_transform(const label_encoder *e, const char *const *labels,
                             int n, int *codes)
{
    for (int i = 0; i < n; i++)
        codes[i] = find(e, labels[i]);
}

void label_encoder_inverse(const label_encoder *e, const int *codes, int n,
                           const char **labels)
{
    for (int i = 0; i < n; i++)
        labels[i] = codes[i] == 0 ? "<UNKNOWN>"
                  : codes[i] >= 1 && codes[i] <= e->size ? e->vocab[codes[i] - 1] : NULL;
}

void label_encoder_free(label_encoder *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->size; i++)
        free(e->vocab[i]);
    free(e->vocab);
    free(e);
}
