/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start adam` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* one Adam step on w, m and v in place (t counts from 1) */
void adam_step(double *w, const double *g, double *m, double *v, int n, int t,
               double lr, double beta1, double beta2, double eps)
{
    (void)w, (void)g, (void)m, (void)v, (void)n, (void)t, (void)lr, (void)beta1, (void)beta2, (void)eps;
    /* your code here */
}
