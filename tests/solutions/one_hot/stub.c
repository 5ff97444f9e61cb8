/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start one_hot` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* n-by-k one-hot matrix of the labels y; 0, or -1 for a label outside 0..k-1 */
int one_hot(const int *y, int n, int k, double *Y)
{
    (void)y, (void)n, (void)k, (void)Y;
    /* your code here */
    return 0;
}
