/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start attention` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* A = softmax(X Wq (X Wk)^T / sqrt(dk)) (causal: masked above the diagonal), Y = A X Wv */
void attention(const double *X, int n, int d, const double *Wq,
               const double *Wk, const double *Wv, int dk, int dv, int causal,
               double *A, double *Y)
{
    (void)X, (void)n, (void)d, (void)Wq, (void)Wk, (void)Wv, (void)dk, (void)dv, (void)causal, (void)A, (void)Y;
    /* your code here */
}
