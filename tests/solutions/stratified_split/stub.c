/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start stratified_split` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* train/test indices keeping each class's share; 0, or -1 for invalid arguments */
int stratified_split(const int *y, int n, int k, int n_test, const double *u,
                     int *train, int *test)
{
    (void)y, (void)n, (void)k, (void)n_test, (void)u, (void)train, (void)test;
    /* your code here */
    return 0;
}
