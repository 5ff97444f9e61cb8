/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start batchnorm_forward` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* batch norm forward: batch statistics and running-average update when training, running statistics otherwise */
void batchnorm_forward(const double *X, int n, int d, const double *gamma,
                       const double *beta, int training, double momentum,
                       double eps, double *running_mean, double *running_var,
                       double *Y)
{
    (void)X, (void)n, (void)d, (void)gamma, (void)beta, (void)training, (void)momentum, (void)eps, (void)running_mean, (void)running_var, (void)Y;
    /* your code here */
}
