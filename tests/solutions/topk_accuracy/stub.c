/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start topk_accuracy` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* fraction of rows whose true class is among their k highest scores; -1 for invalid arguments */
double topk_accuracy(const double *P, const int *y, int n, int c, int k)
{
    (void)P, (void)y, (void)n, (void)c, (void)k;
    /* your code here */
    return 0.0;
}
