/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start tree_split` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* best split of the node: returns the feature (-1: none), writes threshold and gain */
int tree_split(const double *X, const int *y, int n, int d, int n_classes,
               const char *criterion, double *threshold, double *gain)
{
    (void)X, (void)y, (void)n, (void)d, (void)n_classes, (void)criterion, (void)threshold, (void)gain;
    /* your code here */
    return 0;
}
