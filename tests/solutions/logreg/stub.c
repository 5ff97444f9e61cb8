/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start logreg` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* The model: what fit learns and predict needs. */
struct logreg {
    int d;    /* replace with your fields */
};

/* fit by batch gradient descent; NULL for invalid arguments */
logreg *logreg_fit(const double *X, const int *y, int n, int d, double lr,
                   double l2, int max_iter, double tol, double *loss,
                   int *n_iter)
{
    (void)X, (void)y, (void)n, (void)d, (void)lr, (void)l2, (void)max_iter, (void)tol, (void)loss, (void)n_iter;
    /* your code here */
    return NULL;
}

/* p[i] = P(y = 1 | x_i) */
void logreg_predict_proba(const logreg *m, const double *X, int n, double *p)
{
    (void)m, (void)X, (void)n, (void)p;
    /* your code here */
}

/* releases a model; NULL is allowed */
void logreg_free(logreg *m)
{
    (void)m;
    /* your code here */
}
