/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start softmax_regression` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* The model: what fit learns and predict needs. */
struct softmax_reg {
    int d;    /* replace with your fields */
};

/* fit by batch gradient descent; NULL for invalid arguments */
softmax_reg *softmax_reg_fit(const double *X, const int *y, int n, int d, int k,
                             double lr, double l2, int max_iter, double tol,
                             double *loss, int *n_iter)
{
    (void)X, (void)y, (void)n, (void)d, (void)k, (void)lr, (void)l2, (void)max_iter, (void)tol, (void)loss, (void)n_iter;
    /* your code here */
    return NULL;
}

/* P[i][c] = P(y = c | x_i), an n-by-k matrix */
void softmax_reg_predict_proba(const softmax_reg *m, const double *X, int n,
                               double *P)
{
    (void)m, (void)X, (void)n, (void)P;
    /* your code here */
}

/* releases a model; NULL is allowed */
void softmax_reg_free(softmax_reg *m)
{
    (void)m;
    /* your code here */
}
