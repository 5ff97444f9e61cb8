/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start linreg_gd` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* batch gradient descent on the MSE; returns the number of losses written */
int linreg_gd(const double *X, const double *y, int n, int d, double lr,
              int max_iter, double tol, double *w, double *b, double *loss)
{
    (void)X, (void)y, (void)n, (void)d, (void)lr, (void)max_iter, (void)tol, (void)w, (void)b, (void)loss;
    /* your code here */
    return 0;
}
