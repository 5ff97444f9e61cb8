/* expect: status=graded correctness=pass stability=pass organization=fail */
/* Right answer, but it counts its calls in a static variable (left over from
 * debugging) -- writable global state in the shared object. */
#include <math.h>

static int calls;

void softmax(const double *Z, int n, int k, double *P)
{
    calls++;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            p[j] = exp(z[j] - m);
            s += p[j];
        }
        for (int j = 0; j < k; j++)
            p[j] /= s;
    }
}
