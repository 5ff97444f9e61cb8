/* expect: status=graded passed=no correctness=fail stability=pass organization=pass mistake=none */
/* Near miss: an "online" softmax that reads each row once in chunks of 256
 * logits, keeping a running max and a running sum -- but when a later chunk
 * raises the max, the sum of the earlier chunks is not rescaled by
 * exp(old max - new max).  Rows of up to 256 logits are one chunk and come
 * out right; a longer row whose max is not in its first chunk does not. */
#include <math.h>

#define CHUNK 256

void softmax(const double *Z, int n, int k, double *P)
{
    for (int i = 0; i < n; i++) {
        const double *z = Z + (long)i * k;
        double *p = P + (long)i * k;
        double m = -INFINITY, sum = 0.0;
        for (int j0 = 0; j0 < k; j0 += CHUNK) {
            int j1 = j0 + CHUNK < k ? j0 + CHUNK : k;
            for (int j = j0; j < j1; j++)
                m = fmax(m, z[j]);
            for (int j = j0; j < j1; j++)
                sum += exp(z[j] - m);    /* the earlier chunks' sum was taken at an older m */
        }
        for (int j = 0; j < k; j++)
            p[j] = exp(z[j] - m) / sum;
    }
}
