/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start label_encoder` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* The model: what fit learns and predict needs. */
struct label_encoder {
    int d;    /* replace with your fields */
};

/* learns the categories (codes 1..k in strcmp order); NULL when n < 1 */
label_encoder *label_encoder_fit(const char *const *labels, int n)
{
    (void)labels, (void)n;
    /* your code here */
    return NULL;
}

/* codes[i] = code of labels[i], 0 for a category fit never saw */
void label_encoder_transform(const label_encoder *enc,
                             const char *const *labels, int n, int *codes)
{
    (void)enc, (void)labels, (void)n, (void)codes;
    /* your code here */
}

/* labels[i] = category of codes[i] ("<UNKNOWN>" for 0, NULL if out of range); strings owned by enc */
void label_encoder_inverse(const label_encoder *enc, const int *codes, int n,
                           const char **labels)
{
    (void)enc, (void)codes, (void)n, (void)labels;
    /* your code here */
}

/* releases an encoder; NULL is allowed */
void label_encoder_free(label_encoder *enc)
{
    (void)enc;
    /* your code here */
}
