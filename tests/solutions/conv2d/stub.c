/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start conv2d` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* Y = b + (zero-padded X cross-correlated with K), NCHW, with stride */
void conv2d(const double *X, int N, int C, int H, int W, const double *K, int F,
            int KH, int KW, const double *b, int stride, int pad, double *Y)
{
    (void)X, (void)N, (void)C, (void)H, (void)W, (void)K, (void)F, (void)KH, (void)KW, (void)b, (void)stride, (void)pad, (void)Y;
    /* your code here */
}
