/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start pca` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* top-k principal components, their variances and shares, and the projections; 0 or -1 */
int pca(const double *X, int n, int d, int k, double *components,
        double *explained_variance, double *explained_ratio, double *Z)
{
    (void)X, (void)n, (void)d, (void)k, (void)components, (void)explained_variance, (void)explained_ratio, (void)Z;
    /* your code here */
    return 0;
}
