/* expect: status=graded correctness=pass stability=pass vectorization=fail organization=pass */
/* Correct, but beta1^t and beta2^t are rebuilt by repeated multiplication
 * for every element: O(n t) instead of O(n). */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    for (int i = 0; i < n; i++) {
        double p1 = 1.0, p2 = 1.0;
        for (int s = 0; s < t; s++) { /* hot */
            p1 *= beta1;
            p2 *= beta2;
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= lr * (m[i] / (1 - p1)) / (sqrt(v[i] / (1 - p2)) + eps);
    }
}
