/* expect: status=compile_error passed=no */
/* Uses float instead of double: the prototype mldrill gives the compiler
 * says double, so this does not compile. */
#include <math.h>

void softmax(const float *Z, int n, int k, float *P)
{
    for (int i = 0; i < n; i++) {
        const float *z = Z + i * k;
        float m = z[0];
        for (int j = 1; j < k; j++)
            if (z[j] > m)
                m = z[j];
        float s = 0.0f;
        for (int j = 0; j < k; j++) {
            P[i * k + j] = expf(z[j] - m);
            s += P[i * k + j];
        }
        for (int j = 0; j < k; j++)
            P[i * k + j] /= s;
    }
}
