/* Mistake variant softmax/wrong_axis: the model answer with its loops
 * turned to normalise each column (axis 0) instead of each row, so every
 * column of P sums to 1. A whole file: the mistake reorganises the loops. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int j = 0; j < k; j++) {
        double m = Z[j];
        for (int i = 1; i < n; i++)
            m = fmax(m, Z[i * k + j]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            P[i * k + j] = exp(Z[i * k + j] - m);
            sum += P[i * k + j];
        }
        for (int i = 0; i < n; i++)
            P[i * k + j] /= sum;
    }
}
