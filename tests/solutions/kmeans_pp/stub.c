/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start kmeans_pp` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* k-means++ seeding driven by the uniform numbers u */
void kmeans_pp(const double *X, int n, int d, int k, const double *u, double *C,
               int *idx)
{
    (void)X, (void)n, (void)d, (void)k, (void)u, (void)C, (void)idx;
    /* your code here */
}
