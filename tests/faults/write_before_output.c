/* expect: status=graded passed=no case=crash */
/* says: 8 bytes before the start of output P */
/* An off-by-one at the front: the loop stores each row's sum one element
 * early, at P[i * k - 1], which for the first row is P[-1].  The data of
 * an output is pushed against its region's end, so the bytes before it are
 * slack that no guard page covers; they hold a canary. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        double mx = Z[i * k], s = 0;
        for (int j = 1; j < k; j++)
            mx = fmax(mx, Z[i * k + j]);
        for (int j = 0; j < k; j++)
            s += P[i * k + j] = exp(Z[i * k + j] - mx);
        if (i == 0)
            P[i * k - 1] = s;
        for (int j = 0; j < k; j++)
            P[i * k + j] /= s;
    }
}
