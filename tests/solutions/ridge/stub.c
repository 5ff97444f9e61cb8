/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start ridge` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* closed-form ridge regression; 0 on success, -1 for invalid arguments */
int ridge(const double *X, const double *y, int n, int d, double alpha,
          double *w, double *b)
{
    (void)X, (void)y, (void)n, (void)d, (void)alpha, (void)w, (void)b;
    /* your code here */
    return 0;
}
