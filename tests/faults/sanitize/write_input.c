/* expect: status=graded passed=no case=crash organization=fail */
/* says: wrote into input Z */
/* Normalises in place: casts the const away and overwrites the logits. */
#include <math.h>

void softmax(const double *Z, int n, int k, double *P)
{
    double *z = (double *)Z;
    for (int i = 0; i < n; i++) {
        double *row = z + (long)i * k;
        double m = row[0], s = 0.0;
        for (int j = 1; j < k; j++)
            m = row[j] > m ? row[j] : m;
        for (int j = 0; j < k; j++)
            s += row[j] = exp(row[j] - m);
        for (int j = 0; j < k; j++)
            P[(long)i * k + j] = row[j] / s;
    }
}
