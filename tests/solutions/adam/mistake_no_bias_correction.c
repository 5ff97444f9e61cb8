/* expect: status=graded passed=no correctness=fail mistake=no_bias_correction */
/* Forgets the bias correction: steps with the raw running averages. */
#include <math.h>

void adam_step(double *w, const double *g, double *m, double *v, int n,
               int t, double lr, double beta1, double beta2, double eps)
{
    (void)t;
    for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        w[i] -= lr * m[i] / (sqrt(v[i]) + eps);
    }
}
