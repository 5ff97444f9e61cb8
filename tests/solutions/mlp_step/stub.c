/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start mlp_step` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* loss of the two-layer network on the batch; writes the gradients of every parameter */
double mlp_step(const double *X, const int *y, int n, int d, int h, int c,
                const double *W1, const double *b1, const double *W2,
                const double *b2, double l2, double *dW1, double *db1,
                double *dW2, double *db2)
{
    (void)X, (void)y, (void)n, (void)d, (void)h, (void)c, (void)W1, (void)b1, (void)W2, (void)b2, (void)l2, (void)dW1, (void)db1, (void)dW2, (void)db2;
    /* your code here */
    return 0.0;
}
