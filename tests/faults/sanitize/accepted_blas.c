/* expect: status=graded correctness=pass stability=pass organization=pass */
/* says: */
/* A right solution using CBLAS: under AddressSanitizer and UBSan it must
 * pass cleanly (no false report from OpenBLAS or the runner). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *row = malloc(sizeof(double) * (size_t)k);
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * k;
        double *p = P + (size_t)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            m = fmax(m, z[j]);
        for (int j = 0; j < k; j++)
            row[j] = exp(z[j] - m);
        cblas_dcopy(k, row, 1, p, 1);
        cblas_dscal(k, 1.0 / cblas_dasum(k, p, 1), p, 1);
    }
    free(row);
}
