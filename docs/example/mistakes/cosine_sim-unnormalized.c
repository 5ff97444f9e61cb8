/* Mistake: the dot products without dividing by the norms, S = A B^T. */
#include <cblas.h>

void cosine_sim(const double *A, int n, const double *B, int m, int d, double *S)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, d, 1.0, A, d, B, d, 0.0, S, m);
}
