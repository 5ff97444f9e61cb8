/* expect: status=graded passed=no score=0 mistake=none */
/* The starter file `start standardize_stream` writes, without the statement: it compiles
 * and does nothing, so it earns nothing in any criterion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

/* The model: what fit learns and predict needs. */
struct scaler {
    int d;    /* replace with your fields */
};

/* an empty scaler for d features; NULL if d < 1 */
scaler *scaler_new(int d)
{
    (void)d;
    /* your code here */
    return NULL;
}

/* adds n rows to the statistics; returns the rows seen so far, -1 if n < 0 */
int scaler_partial_fit(scaler *s, const double *X, int n)
{
    (void)s, (void)X, (void)n;
    /* your code here */
    return 0;
}

/* mean and population variance of each feature so far */
void scaler_stats(const scaler *s, double *mean, double *var)
{
    (void)s, (void)mean, (void)var;
    /* your code here */
}

/* Z = (X - mean) / sqrt(var), dividing by 1 where var = 0 */
void scaler_transform(const scaler *s, const double *X, int n, double *Z)
{
    (void)s, (void)X, (void)n, (void)Z;
    /* your code here */
}

/* releases a scaler; NULL is allowed */
void scaler_free(scaler *s)
{
    (void)s;
    /* your code here */
}
