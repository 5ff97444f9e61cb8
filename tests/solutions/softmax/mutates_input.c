/* expect: status=graded passed=no organization=fail */
/* Saves a buffer by shifting the logits in place ("Z is mine to use, right?"):
 * casts the const away and subtracts each row's max from Z itself.  P is
 * right, but the caller's Z comes back changed. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *z = (double *)Z;
    for (int i = 0; i < n; i++) {
        double *row = z + (long)i * k;
        double m = row[0];
        for (int j = 1; j < k; j++)
            if (row[j] > m)
                m = row[j];
        for (int j = 0; j < k; j++)
            row[j] -= m;
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            P[(long)i * k + j] = exp(row[j]);
            s += P[(long)i * k + j];
        }
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] /= s;
    }
}
