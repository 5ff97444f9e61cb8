/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start lasso_cd` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* lasso by cyclic coordinate descent; returns the number of losses written */
int lasso_cd(const double *X, const double *y, int n, int d, double alpha,
             int max_iter, double tol, double *w, double *b, double *loss)
{
    (void)X, (void)y, (void)n, (void)d, (void)alpha, (void)max_iter, (void)tol, (void)w, (void)b, (void)loss;
    /* your code here */
    return 0;
}
