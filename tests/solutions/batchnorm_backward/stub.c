/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start batchnorm_backward` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* Y = gamma * (X - mu) / sqrt(var + eps) + beta with the batch's mean and biased variance */
void batchnorm_train_forward(const double *X, int n, int d, const double *gamma,
                             const double *beta, double eps, double *Y)
{
    (void)X, (void)n, (void)d, (void)gamma, (void)beta, (void)eps, (void)Y;
    /* your code here */
}

/* gradients of the training-mode forward pass given dY = dL/dY */
void batchnorm_backward(const double *dY, const double *X, int n, int d,
                        const double *gamma, double eps, double *dX,
                        double *dgamma, double *dbeta)
{
    (void)dY, (void)X, (void)n, (void)d, (void)gamma, (void)eps, (void)dX, (void)dgamma, (void)dbeta;
    /* your code here */
}
