/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start pipeline` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* The model: what fit learns and predict needs. */
struct pipeline {
    int d;    /* replace with your fields */
};

/* impute (median), scale, one-hot, logistic regression by gradient descent; NULL for invalid arguments */
pipeline *pipeline_fit(const double *X, const int *c, const int *y, int n,
                       int d, int k, double lr, double l2, int max_iter,
                       double tol, double *loss, int *n_iter)
{
    (void)X, (void)c, (void)y, (void)n, (void)d, (void)k, (void)lr, (void)l2, (void)max_iter, (void)tol, (void)loss, (void)n_iter;
    /* your code here */
    return NULL;
}

/* pred[i] = 1 if the fitted model gives z >= 0 for row i, else 0 */
void pipeline_predict(const pipeline *m, const double *X, const int *c, int n,
                      int *pred)
{
    (void)m, (void)X, (void)c, (void)n, (void)pred;
    /* your code here */
}

/* prf = {precision, recall, F1} of y_pred against y_true (0 for 0/0) */
void precision_recall_f1(const int *y_true, const int *y_pred, int n,
                         double *prf)
{
    (void)y_true, (void)y_pred, (void)n, (void)prf;
    /* your code here */
}

/* releases a pipeline; NULL is allowed */
void pipeline_free(pipeline *m)
{
    (void)m;
    /* your code here */
}
