/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start kmeans` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* Lloyd's algorithm from the centroids in C; returns the iterations run */
int kmeans(const double *X, int n, int d, int k, int max_iter, double tol,
           double *C, int *labels, double *inertia)
{
    (void)X, (void)n, (void)d, (void)k, (void)max_iter, (void)tol, (void)C, (void)labels, (void)inertia;
    /* your code here */
    return 0;
}
